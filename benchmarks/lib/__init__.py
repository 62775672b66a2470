"""Shared code of the benchmarks (a package, not a script `make bench` runs).

- `instance`: a throwaway Zope instance under var/bench/NAME (its own
  FileStorage, or a private ZEO server), runwsgi on a free port;
- `sites`: the two sites every benchmark compares (the product's, with the
  demo municipalities, and a vanilla Plone site without the add-on), built
  once and copied;
- `web`: a keep-alive HTTP client and requests per second (wrk);
- `payloads`: what the benchmarks create;
- `report`: medians, ratios and the table every script prints.
"""
