"""Reports and exports: the execution report (Markdown, HTML, Word, PDF), its charts, the plan workbook, the research panel.

- `model.build_report`: the report as data; `writers.render(report, fmt)`: its file;
- `charts`: matplotlib pictures with the packaged CJK font; `wording`: numbers and verdicts in report Chinese;
- `workbook.workbook`: one .xlsx per plan; `panel.write_panel`: Parquet / CSV for researchers;
- `tasks_excel`: the task ledger's export and re-import.
"""
