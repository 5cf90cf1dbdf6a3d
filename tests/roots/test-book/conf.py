extensions = ["myst_parser", "alliantie_kb"]
primary_domain = "kb"
language = "nl"
exclude_patterns = ["_build"]
kb_editions = {
    "2012": {"title": "Proefeditie 2012", "organiser": "Proefalliantie", "root": "index"},
}
latex_elements = {"papersize": "a4paper"}
