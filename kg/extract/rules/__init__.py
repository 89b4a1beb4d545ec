"""Named extraction rules, as data, one family a module."""
