"""The Chinese words the code needs outside the grammars: printed labels for display, units, blanks.

Row recognition lives in grammars/*.lark; this module holds what Python itself must say or read
(labels in messages, units of money, the words that mean "blank").
"""

from __future__ import annotations

import re

# Units that may follow a number in a cell.
UNIT_WAN_YUAN = "万元"
UNIT_YUAN = "元"
COUNT_UNITS = ("件", "个", "条", "项", "次")
# Words printed in a cell that mean "no value".
BLANK_WORDS = ("无",)

SECTION_TITLES = {
    1: "一、总体情况",
    2: "二、主动公开政府信息情况",
    3: "三、收到和处理政府信息公开申请情况",
    4: "四、政府信息公开行政复议、行政诉讼情况",
    5: "五、存在的主要问题及改进情况",
    6: "六、其他需要报告的事项",
}

TABLE_TITLES = {2: "主动公开政府信息情况", 3: "收到和处理政府信息公开申请情况", 4: "行政复议、行政诉讼情况"}

T2_ROW_LABELS = {
    "regulations": "规章",
    "normative_documents": "规范性文件",
    "licensing": "行政许可",
    "other_services": "其他对外管理服务事项",
    "penalties": "行政处罚",
    "enforcement": "行政强制",
    "fees": "行政事业性收费",
    "procurement": "政府集中采购",
}

T2_COLUMN_LABELS = {
    "made": "本年新制作数量",
    "published": "本年新公开数量",
    "total_published": "对外公开总数量",
    "items_last_year": "上一年项目数量",
    "items_change": "本年增/减",
    "decisions": "处理决定数量",
    "projects": "采购项目数量",
    "amount": "金额（万元）",
    "issued": "本年制发件数",
    "repealed": "本年废止件数",
    "in_force": "现行有效件数",
}

T3_ROW_LABELS = {
    "new_received": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开",
    "partially_granted": "（二）部分公开",
    "denied_state_secret": "（三）不予公开 1.属于国家秘密",
    "denied_prohibited_by_law": "2.其他法律行政法规禁止公开",
    "denied_security_stability": "3.危及“三安全一稳定”",
    "denied_third_party_rights": "4.保护第三方合法权益",
    "denied_internal_affairs": "5.属于三类内部事务信息",
    "denied_process_information": "6.属于四类过程性信息",
    "denied_enforcement_files": "7.属于行政执法案卷",
    "denied_administrative_query": "8.属于行政查询事项",
    "unavailable_not_held": "（四）无法提供 1.本机关不掌握相关政府信息",
    "unavailable_needs_creation": "2.没有现成信息需要另行制作",
    "unavailable_unclear": "3.补正后申请内容仍不明确",
    "not_processed_complaint": "（五）不予处理 1.信访举报投诉类申请",
    "not_processed_duplicate": "2.重复申请",
    "not_processed_publication": "3.要求提供公开出版物",
    "not_processed_excessive": "4.无正当理由大量反复申请",
    "not_processed_confirmation": "5.要求行政机关确认或重新出具已获取信息",
    "other": "（六）其他处理",
    "other_overdue_correction": "（六）其他处理 1.申请人无正当理由逾期不补正",
    "other_unpaid_fee": "2.申请人逾期未按收费通知要求缴纳费用",
    "other_misc": "3.其他",
    "total": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}

T3_COLUMN_LABELS = {
    "natural_person": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "social_welfare": "社会公益组织",
    "legal_service": "法律服务机构",
    "other_org": "其他",
    "total": "总计",
}

T4_ROW_LABELS = {
    "review": "行政复议",
    "litigation_direct": "行政诉讼·未经复议直接起诉",
    "litigation_after_review": "行政诉讼·复议后起诉",
}

T4_COLUMN_LABELS = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}


TABLE_NUMERALS = {2: "二", 3: "三", 4: "四"}

# The two sides of each equation of the format, as its readers know them: the parts, then the whole.
RULE_SIDES = {
    "balance": ("一、本年新收 + 二、上年结转", "（七）总计 + 四、结转下年度继续办理"),
    "outcomes_sum": ("办理结果（一）至（六）之和", "（七）总计"),
    "row_total": ("自然人 + 法人或其他组织五列之和", "总计"),
    "review_total": ("结果维持 + 结果纠正 + 其他结果 + 尚未审结", "总计"),
    "carry_over": ("上年报告的 四、结转下年度继续办理", "本年 二、上年结转"),
    "in_force": ("上年现行有效件数 + 本年制发件数 − 本年废止件数", "本年现行有效件数"),
}


def label_of(address: str) -> str:
    """The printed Chinese label of a SCHEMA.md address (``t3.granted.total`` → （一）予以公开·总计)."""
    table, row, column = address.split(".")
    rows, columns = {
        "t2": (T2_ROW_LABELS, T2_COLUMN_LABELS),
        "t3": (T3_ROW_LABELS, T3_COLUMN_LABELS),
        "t4": (T4_ROW_LABELS, T4_COLUMN_LABELS),
    }[table]
    return f"{rows.get(row, row)}·{columns.get(column, column)}"


# A year in prose (2020年，全市…): what names the report's year when no title does.
# The labels a government site prints around a page's content (标题: …, 发布日期: …): in a crawler's
# text of the page they stand on the report's line, and must not join its title.
SITE_LABELS = (
    "标题",
    "发布日期",
    "发布时间",
    "发文日期",
    "成文日期",
    "来源",
    "信息来源",
    "发布机构",
    "索引号",
    "文号",
    "发文字号",
    "浏览次数",
    "访问量",
    "字号",
    "分享到",
    "主题分类",
    "关键词",
    "有效性",
)
YEAR_IN_TEXT = re.compile(r"((?:19|20)\d\d)年")
# A year a sentence opens on (2020年，全市… ; 2021年度，…), the year it reports on: not a date
# (2020年12月底…), nor a span's start (2019年以来, 2018年至今).
OPENING_YEAR = re.compile(  # the digits first, then what stands before them: four times faster
    r"((?:19|20)\d\d)(?<![^。；;！!？?\n]\d{4})年度?(?![\d一二三四五六七八九十]{1,2}月|以来|至今|起|至|到|底|初|末|以前|之前|前)"
)

# The parts of a report title (compact text): agency then year (信阳市人民政府2020年政府信息公开工作年度报告),
# or year then agency (2019年上海市人民政府办公厅政府信息公开工作年度报告); the year in Chinese
# numerals too (二〇二〇年), the title inside a notice (关于…的公告, 某某县人民政府关于2020年…).
_TITLE_YEAR = r"(?:19|20)\d\d|[〇零一二][〇零一二三四五六七八九]{3}"
TITLE_PARTS = re.compile(
    rf"^(?:关于)?[《]?(?:(?P<year_first>{_TITLE_YEAR})年度?(?P<agency_after>.*?)(?:政府信息公开|政务公开|政府信息)"
    rf"|(?P<agency>.*?)(?:关于)?[《]?(?P<year>{_TITLE_YEAR})年度?)"
)
# How an agency's name ends (人民政府, 办公室, 教育局 …): a short line of one above a title that
# names none is the title's agency (某某县人民政府 / 2024年政府信息公开工作年度报告).
AGENCY_ENDING = re.compile(
    r"(政府|办公室|办公厅|局|委员会|委|厅|署|院|中心|办事处|街道|镇|乡|管委会|示范区|新区|公司|集团)$"
)


# The tables as the templates print them (for gixr_grammar.render): table 二's blocks (marker, column
# headers, rows with their printed labels), table 三's rows (three label cells: the group labels are
# printed on the first row of their span only), table 四's three header lines.
T2_TEMPLATE_BLOCKS = {
    "2019": (
        (
            "第二十条第（一）项",
            ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
            (("regulations", "规章"), ("normative_documents", "规范性文件")),
        ),
        (
            "第二十条第（五）项",
            ("上一年项目数量", "本年增/减", "处理决定数量"),
            (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")),
        ),
        (
            "第二十条第（六）项",
            ("上一年项目数量", "本年增/减", "处理决定数量"),
            (("penalties", "行政处罚"), ("enforcement", "行政强制")),
        ),
        ("第二十条第（八）项", ("上一年项目数量", "本年增/减"), (("fees", "行政事业性收费"),)),
        ("第二十条第（九）项", ("采购项目数量", "采购总金额"), (("procurement", "政府集中采购"),)),
    ),
    "2021": (
        (
            "第二十条第（一）项",
            ("本年制发件数", "本年废止件数", "现行有效件数"),
            (("regulations", "规章"), ("normative_documents", "行政规范性文件")),
        ),
        ("第二十条第（五）项", ("本年处理决定数量",), (("licensing", "行政许可"),)),
        ("第二十条第（六）项", ("本年处理决定数量",), (("penalties", "行政处罚"), ("enforcement", "行政强制"))),
        ("第二十条第（八）项", ("本年收费金额（单位：万元）",), (("fees", "行政事业性收费"),)),
    ),
}
T2_HEADER_FIRST = "信息内容"

T3_TEMPLATE_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_TEMPLATE_HEADER = (
    (T3_TEMPLATE_CORNER, "", "", "申请人情况", "", "", "", "", "", ""),
    ("", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"),
    ("", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""),
)
T3_TEMPLATE_ROWS = {
    "new_received": ("一、本年新收政府信息公开申请数量", "", ""),
    "carried_over": ("二、上年结转政府信息公开申请数量", "", ""),
    "granted": ("三、本年度办理结果", "（一）予以公开", ""),
    "partially_granted": ("", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""),
    "denied_state_secret": ("", "（三）不予公开", "1.属于国家秘密"),
    "denied_prohibited_by_law": ("", "", "2.其他法律行政法规禁止公开"),
    "denied_security_stability": ("", "", "3.危及“三安全一稳定”"),
    "denied_third_party_rights": ("", "", "4.保护第三方合法权益"),
    "denied_internal_affairs": ("", "", "5.属于三类内部事务信息"),
    "denied_process_information": ("", "", "6.属于四类过程性信息"),
    "denied_enforcement_files": ("", "", "7.属于行政执法案卷"),
    "denied_administrative_query": ("", "", "8.属于行政查询事项"),
    "unavailable_not_held": ("", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    "unavailable_needs_creation": ("", "", "2.没有现成信息需要另行制作"),
    "unavailable_unclear": ("", "", "3.补正后申请内容仍不明确"),
    "not_processed_complaint": ("", "（五）不予处理", "1.信访举报投诉类申请"),
    "not_processed_duplicate": ("", "", "2.重复申请"),
    "not_processed_publication": ("", "", "3.要求提供公开出版物"),
    "not_processed_excessive": ("", "", "4.无正当理由大量反复申请"),
    "not_processed_confirmation": ("", "", "5.要求行政机关确认或重新出具已获取信息"),
    "other": ("", "（六）其他处理", ""),
    "other_overdue_correction": (
        "",
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    "other_unpaid_fee": ("", "", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    "other_misc": ("", "", "3.其他"),
    "total": ("", "（七）总计", ""),
    "carried_forward": ("四、结转下年度继续办理", "", ""),
}
T4_TEMPLATE_HEADER = (
    ("行政复议", "", "", "", "", "行政诉讼"),
    ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "", "", "", "", "复议后起诉"),
    ("", "", "", "", "", *(("结果维持", "结果纠正", "其他结果", "尚未审结", "总计") * 2)),
)

# What the grammars' terminals are, in words, for messages that say what was expected (gixr explain).
# Row labels and section headings are named by their printed labels (see explain.describe_terminal).
TERMINAL_WORDS = {
    "VALUES": "numbers",
    "FRAGMENT": "a short text inside a table (a note, or the label of a row the format does not have)",
    "ORDINAL": "a numbering cell (一、 （一） 1.)",
    "TEXT": "a paragraph",
    "FREE_HEAD": "a short heading line",
    "NUM_HEAD": "a numbered heading (一、…)",
    "SUBHEAD": "a subsection heading （一）…",
    "TITLE": "the report title",
    "TITLE_HEAD": "the first line of a wrapped title",
    "TITLE_TAIL": "the end of a wrapped title (…年度报告)",
    "DATE": "a date (2021年1月10日)",
    "PAGE": "a page number (- 4 -)",
    "BLOCK": "a 第二十条第（N）项 block of table 二",
    "COLUMNS_2019": "a 2019-template column header of table 二 (本年新制作数量 …)",
    "COLUMNS_2021": "a 2021-template column header of table 二 (本年制发件数 …)",
    "COLUMNS": "part of a column header of table 二",
    "CORNER": "table 三's corner cell (本列数据的勾稽关系为…)",
    "APPLICANTS": "table 三's applicant header (申请人情况, 自然人, 法人或其他组织 …)",
    "OUTCOMES": "the group label 三、本年度办理结果",
    "DENIED": "the group label （三）不予公开",
    "UNAVAILABLE": "the group label （四）无法提供",
    "NOT_PROCESSED": "the group label （五）不予处理",
    "LEAF": "a numbered row label of table 三 (1.…)",
    "CASES": "table 四's header words (行政复议, 结果维持 …)",
    "CASES_FIRST": "table 四's first header word (行政复议, 结果维持 …; not 总计 or 其他 alone)",
}

# Where long header cells wrap in PDF and Word text (本年新 / 制作数量): both halves are header words
# the grammars know.
WRAPPED_HEADERS = {
    "本年新制作数量": ("本年新", "制作数量"),
    "本年新公开数量": ("本年新", "公开数量"),
    "对外公开总数量": ("对外公开", "总数量"),
    "上一年项目数量": ("上一年", "项目数量"),
    "处理决定数量": ("处理决定", "数量"),
    "采购项目数量": ("采购项目", "数量"),
    "采购总金额": ("采购", "总金额"),
    "本年制发件数": ("本年制发", "件数"),
    "本年废止件数": ("本年废止", "件数"),
    "现行有效件数": ("现行有效", "件数"),
    "本年处理决定数量": ("本年处理决定", "数量"),
    "本年收费金额（单位：万元）": ("本年收费金额", "（单位：万元）"),
    "社会公益组织": ("社会公益", "组织"),
    "法律服务机构": ("法律服务", "机构"),
}
