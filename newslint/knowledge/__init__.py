"""Knowledge files: dated office holders and the outlet registry, shipped under
``rules/knowledge/`` and extended by users' own YAML."""
