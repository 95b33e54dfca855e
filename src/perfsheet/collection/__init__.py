"""A folder of project files as one collection: which files belong to it, how they are loaded, and the
check (load → model → rules) that validate and every document share."""
