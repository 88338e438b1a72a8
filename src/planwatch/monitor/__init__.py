"""Monitoring: judge each target against actuals (pure rule table) and report attainment.

`monitor.rules` holds the rule table, `monitor.attainment` the one-pass assessment,
`monitor.absence` the explicitly-absent flag, `store.units` unit conversion, and
`monitor.service` the database edge that loads targets and actuals and runs them.
"""
