"""Records management: retention of case files and acts, the GDPR register."""
