# An English project that adopts the extension: default theme, no Dutch.
project = "Alliance test"
extensions = ["myst_parser", "alliantie_kb"]
language = "en"
exclude_patterns = ["_build"]
# its own regions with labels; kinds: the defaults plus one of its own
kb_vocabularies = {
    "region": {"north": "The North", "south": "The South", "abroad": "Abroad"},
    "kind": ["verweer", "vernieuwing", "advies", "petition"],
}
kb_url_schemes = ["https", "mailto", "tel"]
