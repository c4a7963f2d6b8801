"""Patterns of Chinese official documents, each defined once: dates, 文号, sums of money, phone numbers.
Other patterns are built from these (a dated header line, "自…起施行", "有效期至…")."""

from __future__ import annotations

import re

from advisor.ingest.numerals import CN_NUM

# 2024年12月30日 (with spaces as PDFs leave them): the text, and with year, month and day captured
DATE_TEXT = r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
DATE_PARTS = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
DATE = re.compile(DATE_PARTS)
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# a date as a document or a web page writes it (2024年12月30日, 2024-12-30)
DATE_WRITTEN = re.compile(rf"{DATE_TEXT}|\d{{4}}-\d{{1,2}}-\d{{1,2}}")
# 清府办〔2024〕34号, 厦民[2025]37号, 国办发（2019）5号: found with up to 8 characters of issuer code before it
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号")
# …and quoted with its issuer code alone where it follows a title or 文件 without a break
# ("…实施方案的通知辽政办发〔2022〕32号" → 辽政办发〔2022〕32号, "…办公厅文件粤府办〔2020〕1号" → 粤府办…)
_TITLE_TAIL = r"通知|意见|方案|办法|决定|文件|的"
DOC_NUMBER_QUOTED = re.compile(rf"(?:(?<=通知)|(?<=意见)|(?<=方案)|(?<=办法)|(?<=决定)|(?<=文件)|(?<=的)"
                               rf"|(?<![\u4e00-\u9fff]))(?:(?!{_TITLE_TAIL})[\u4e00-\u9fff]){{1,8}}"
                               r"[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号")
# 300元, 1.5万元, and laws' 一万元
MONEY = re.compile(rf"(?:\d+(?:\.\d+)?|[{CN_NUM}]+)\s*(?:元|万元|块)")
# an office's number: 0551-68855120, a mobile number, the public hotlines 123xx (12345, 12348 法律服务, 12349 养老
# 服务) and the 96xxx service lines
PHONE = re.compile(r"(?<!\d)(?:\d{3,4}-?\d{7,8}|1\d{10}|123\d{2}|96\d{3})(?!\d)")
# an organ that issues or signs a document: 十堰市郧阳区民政局, 呼和浩特市人民政府办公室
ORGAN = r"[\u4e00-\u9fa5、]{2,40}?(?:办公厅|办公室|人民政府|政府|委员会|党委|厅|局|部|委|会)"
_ORGANS = rf"(?:{ORGAN}\s*)"
# a 落款 line of organs alone ("十堰市郧阳区民政局　十堰市郧阳区财政局"), or with its date
ISSUER_LINE = re.compile(rf"^{_ORGANS}{{1,4}}$")
LETTERHEAD = re.compile(rf"^{_ORGANS}{{1,4}}文件$")  # "辽宁省民政厅辽宁省财政厅文件": the 红头 above a notice
SIGNATURE_LINE = re.compile(rf"^(?:{_ORGANS}{{0,4}}[(（]?\s*{DATE_TEXT}\s*[)）]?|{_ORGANS}{{1,4}})$")
# "关于印发《…实施办法》的通知": the name of the document a notice prints (with its 《》, if written)
NOTICE_TITLE = re.compile(r"(?:关于)?印发\s*(.{4,60}?)\s*的通知")
# a 公告 or 令 that promulgates a document: "《郑州市…条例》已经…通过,…批准,现予公布"
PROMULGATION_HEAD = re.compile(r"(?:公告|令)(?:\s*[(（]?第[^)）]{1,8}号[)）]?)?$")
PROMULGATED = re.compile(r"《([^《》]{4,60})》(?:已经|已由|业经|经|已于)[^。]{0,160}?(?:通过|批准|修订|修正)")
# the first line of a law's 题注, however its wrap cut it: "（2023年10月26日…会议通过 2023年11月29日"
HEADNOTE_START = re.compile(rf"^[(（]\s*{DATE_TEXT}")
