"""Performance evaluation under an indicator system (指标体系) read from YAML.

- `system.load_system`: the file, checked (file:line: problem);
- `scoring`: item, dimension, total, domain and unit scores (pure);
- `service.evaluate`: the database edge; `facts`: the adapters over monitoring and task sign-off.
"""
