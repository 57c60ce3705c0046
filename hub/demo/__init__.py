"""The demo community, a fictional provider ("Nordlicht Telekom"): its content as YAML files in
this folder, and `loader`, which creates it through the same services people use.

The files, by kind: people.yaml, categories.yaml with topics/<category slug>.yaml, faq.yaml,
reports.yaml, walls.yaml, chat.yaml and spokes.yaml. `flask --app wsgi demo load` loads them.
"""
