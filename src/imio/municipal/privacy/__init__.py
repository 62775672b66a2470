"""Personal data under control: the access journal, the data-protection
officer's searches and the data-subject requests."""
