"""The public face of the platform and of each municipality: name, logo,
colours (checked for contrast), the platform's home page, the theme's fixes."""
