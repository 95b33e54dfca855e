"""Text before it is anyone's data: the characters an officer cannot see, and how a value is written in YAML."""
