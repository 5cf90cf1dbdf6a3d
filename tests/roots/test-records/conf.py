extensions = ["myst_parser", "alliantie_kb"]
primary_domain = "kb"
language = "nl"
exclude_patterns = ["_build"]
# a header that skips a level (MyST's myst.header) is allowed here
suppress_warnings = ["myst.header"]
