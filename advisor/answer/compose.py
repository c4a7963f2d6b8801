"""Extractive, grounded answers: a one-line conclusion, supporting points each with its citation, what
to do next where the documents say so — or an honest refusal that says what the documents do cover."""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace

import numpy as np

from advisor.answer import templates as T
from advisor.answer.agebands import AGE_STATED, age_bands, band_fit, holds_age, holds_count
from advisor.answer.groups import (
    ORDINARY,
    asked_degree,
    asked_facilities,
    asked_grade,
    asked_group,
    asked_ranks,
    contrasted,
    degrees_in,
    facilities_in,
    grades_in,
    group_words,
    groups_in,
    leaves_out,
    ranks_in,
)
from advisor.answer.programs import (
    figure_subject,
    named_with_head,
    program_asked,
    program_text,
    program_written,
    topic_elsewhere,
)
from advisor.answer.query import (
    APPLY_SAID,
    ASKED_NOUNS,
    COUNT_WORD,
    DOC_KINDS_NAMED,
    FILLER_WORDS,
    GENERIC_TERMS,
    ISSUED_ASKED,
    KIND_NOUNS,
    MEASURES,
    NOW_WORDS,
    REPEAL_ASKED,
    Query,
    asked_about,
    asking_spans,
    lasting_thing,
    questions_in,
    set_aside,
    wants_of,
)
from advisor.answer.render import lines_of, to_answer
from advisor.answer.templates import (
    AMOUNT_BY_RULE,
    LOCAL_MISSING,
    NOT_STATED,
    OTHER_BENEFIT,
    OTHER_FACILITY,
    OTHER_FEE,
    OTHER_MATTER,
    OTHER_PROGRAM_SUM,
    TABLE_CELL,
    TABLE_CELL_SEP,
    TABLE_ROW,
)
from advisor.index.lexical import function_word, known_word, mended_tokens, stray_guess
from advisor.ingest import structure
from advisor.ingest.chunking import (
    INTRODUCES_TABLE,
    QUESTION_MAX,
    SECTION_LABEL,
    TABLE_MARK,
    chunk_sentences,
    is_head,
    table_context,
)
from advisor.ingest.clean import HEADING
from advisor.ingest.instructions import planted
from advisor.ingest.metadata import HEADER_EVENT, first_date, history, validity
from advisor.ingest.numerals import CN_NUM
from advisor.ingest.patterns import DATE_WRITTEN, DOC_NUMBER, DOC_NUMBER_QUOTED, MONEY, PHONE, SIGNATURE_LINE
from advisor.lexicon import Lexicon, find_regions, place_matches
from advisor.profile import ELDER_WORDS, age_phrases
from advisor.retrieval.retriever import Retriever, tokenize
from advisor.schema import Answer, AnswerDraft, Chunk, Citation, Hit, Point
from advisor.settings import env

# a next step is something the family does: apply (依申请, 向…申请), register, queue, go somewhere to apply
_NEXT_STEP = re.compile(
    r"(?:依|提出|向[^,，。;；]{1,15})申请|申请(?:人|者|评估|补贴|入住|办理)|轮候|登记|到[^,，。;；]{1,12}(?:办理|申请)"
    r"|向[^,，。;；]{2,24}(?:提出|申报|提交)"  # "由老年人或者其家属向户籍所在地乡（镇）人民政府、街道办事处提出"
)
# Sentence picking. These were set by reading the documents and measuring on evals/sets/dev.jsonl.
MAX_SPAN = int(env("ANSWER_MAX_SPAN"))  # a longer sentence is cut to its clauses around the question's terms
MIN_SPAN = int(env("ANSWER_MIN_SPAN"))  # a shorter span takes the sentence before it along, so it can be read (and checked)
WHOLE_ITEM = int(env("ANSWER_WHOLE_ITEM"))  # a short numbered item (a few sentences) is quoted whole in the 结论
HEADING_PENALTY = float(env("ANSWER_HEADING_PENALTY"))  # a bare heading names the topic but says nothing about it
RANK_DISCOUNT = float(env("ANSWER_RANK_DISCOUNT"))  # a sentence from the n-th chunk counts 1/(1 + RANK_DISCOUNT*n)
OWN_REGION_BONUS = float(env("ANSWER_OWN_REGION_BONUS"))  # sentences of the asker's own region
DEFINITION_BONUS = float(env("ANSWER_DEFINITION_BONUS"))  # a defining sentence, when the question asks what a term means or covers
DEFINITION_OTHER = float(env("ANSWER_DEFINITION_OTHER"))  # …and the sentence defines another term (one with words the question lacks)
_DEFINES = re.compile(r"所称|是指|指的是")
# "本条例所称养老服务，是指…", "最低生活保障边缘家庭，是指…": the term a sentence defines
_DEFINED = re.compile(r"^[“\"]?([^，,。；;：:“”\"]{2,30})[”\"]?[，,]?\s*(?:是指|指的是)")
NAMED_KIND_BONUS = float(env("ANSWER_NAMED_KIND_BONUS"))  # sentences of the kind of document the question names (意见, 条例, …法)
OWN_REGION_FLOOR = float(env("ANSWER_OWN_REGION_FLOOR"))  # ...answer first if they score at least this share of the best
FOCUS_WEIGHT = float(env("ANSWER_FOCUS_WEIGHT"))  # terms of the latest message of a rewritten follow-up
ASKING_WEIGHT = float(env("ANSWER_ASKING_WEIGHT"))  # a word that only asks for a kind of answer
ASKING_SPAN = 8  # longer asking words hold the topic they ask about ("骗取低保…会怎么样")
FOCUS_CARRIED = float(env("ANSWER_FOCUS_CARRIED"))  # terms carried over from earlier turns, when the latest message has its own
NUMBER_BONUS = float(env("ANSWER_NUMBER_BONUS"))  # the question asks for a figure or a date and the sentence has one
INTENT_BONUS = float(env("ANSWER_INTENT_BONUS"))  # the question asks for materials, a contact or a procedure and the sentence names one
ENUMERATION_BONUS = float(env("ANSWER_ENUMERATION_BONUS"))  # "哪些服务?" and the sentence enumerates things (a list introduced as one gets INTENT_BONUS)
MIN_GAIN = float(env("ANSWER_MIN_GAIN"))  # a further point must add this share of the question's term weight
COSINE_OVERRIDE = float(env("ANSWER_COSINE_OVERRIDE"))  # low term coverage is still answered when the dense match is this close
CONFIDENCE_HITS = int(env("ANSWER_CONFIDENCE_HITS"))  # the top hits whose words and closeness decide whether to answer at all
HOLD_FLOOR = float(env("ANSWER_HOLD_FLOOR"))  # a sentence holding what is asked (an office, a figure) answers first if it scores this share of the best
TITLE_WORDS_FLOOR = float(env("ANSWER_TITLE_WORDS_FLOOR"))  # a word off the title this heavy makes its words not count
CEILING_BONUS = float(env("ANSWER_CEILING_BONUS"))  # a ceiling asked, and the sentence states one
AGE_BONUS = float(env("ANSWER_AGE_BONUS"))  # the sentence names an age band holding the elder's age
AGE_MISMATCH = float(env("ANSWER_AGE_MISMATCH"))  # every age band the sentence names leaves the elder's age out
OFF_ASK = float(env("ANSWER_OTHER_MATTER"))  # a sanction, another group's right, an exclusion: not what is asked
# a group a clause may grant to that is not the elderly (盲人, 军人, 儿童), and the words that say it is of the elderly
_OTHER_GROUP = re.compile(r"盲人|聋人|残疾人|伤残|军人|烈士|优抚对象|未成年人|儿童|学生|孕产妇|妇女")
_OTHER_GROUP_SAID = re.compile(r"盲|聋|残疾|残障|伤残|军|烈士|优抚|未成年|儿童|孩子|学生|孕|妇女")  # "家里残疾的姑姑"
_ELDER_SAID = re.compile(r"老年|老人|周岁|高龄|长者|退休")
ITEM_TITLE_CREDIT = float(env("ANSWER_ITEM_TITLE_CREDIT"))  # a sentence of a titled item ("（三）审批。") counts the title's question terms at this share
ITEM_TITLE_MAX = int(env("ANSWER_ITEM_TITLE_MAX"))  # an item's first sentence this short (without its number) is a title ("（三）审批。")
TABLE_CREDIT = float(env("ANSWER_TABLE_CREDIT"))  # a table row counts the question's terms of its header row and heading in full: its cells mean nothing alone
QA_CREDIT = float(env("ANSWER_QA_CREDIT"))  # an answer of a 政策问答 counts the question's terms of the question it stands under, at this share
CLAUSE_CREDIT = float(env("ANSWER_CLAUSE_CREDIT"))  # a dated sentence sought in the document, or one holding the kind of answer asked, counts its clause's other terms at this share
INTRO_CREDIT = float(env("ANSWER_INTRO_CREDIT"))  # a list item also counts the question's terms of the sentence introducing the list, at this share
REFERENCE_CREDIT = float(env("ANSWER_REFERENCE_CREDIT"))  # a clause naming articles of its document counts their terms at this share
ABBREVIATION_GAP = int(env("ANSWER_ABBREVIATION_GAP"))  # characters a full form may hold between the characters of a term it abbreviates
DENSE_TEMPERATURE = float(env("ANSWER_DENSE_TEMPERATURE"))  # a sentence's score is scaled by exp((its cosine - the best one's) / this)
# a figure: any digit, or Chinese numerals with a unit, as laws write them (六十日, 一比三, 二十平方米, 一万元)
_NUMBER = re.compile(rf"\d|[{CN_NUM}]+\s*(?:年|个|张|%|成|周岁|岁|倍|类|项|级|种|同步|日|天|月|元|比|名|人|次|回|顿|餐|户|份|平方米|米"
                     r"|公里|分钟|小时|周|床)")
DATE = re.compile(rf"\d{{4}}\s*年|\d{{1,2}}\s*月|每月\s*\d{{1,2}}\s*日|(?<![\d{CN_NUM}个])(?:年底|年前|年内)|(?:次|当|下)月|次年"
                  # 次月起: a month too; "近2年内" is a length of time, no date
                   rf"|(?<![{CN_NUM}个第])(?:十[一二]|[一二三四五六七八九十])\s*月(?!份?\s*(?:内|以内))")  # 每年三月三十一日前
# "多久发一次?" is answered by how often as well as by a figure: 按季度发放, 每月, 一次性
# a period of time: what "多久能拿到?" asks ("自受理之日起7个工作日内", "30日内", "三个月")
# the line a document gives for questions about it ("政策咨询：裕安区民政局养老服务股，联系电话：…", "咨询电话"): the
# phone of the first point's own document to call, at any score (not its 监督投诉电话, which must be close enough)
_CONSULT_LINE = re.compile(r"咨询")
_COMPLAINT_LINE = re.compile(r"投诉|举报|监督")  # a line for complaints, asked for only by who complains
# an office a question names ("兴宁民政局", "遂宁民政局养老服务科"): its place and its unit
_OFFICE_ASKED = re.compile(r"([\u4e00-\u9fa5]{2,4}?)[市县区]?(?:民政局|民政厅|医保局|医疗保障局|社保局|卫健委|卫健局|老龄办)"
                           r"([\u4e00-\u9fa5]{0,6}?(?:科|股|处|中心))?")


def in_consult_section(chunk: Chunk) -> bool:
    """Whether a clause stands under a section of lines for questions ("七、咨询电话 > 1.")."""
    return bool(_CONSULT_LINE.search(section_title(chunk.heading_path)))


def for_questions(point: Scored) -> bool:
    """Whether a point is a line for questions ("咨询电话"): said so, or under a section so titled."""
    return bool(_CONSULT_LINE.search(point.span)) or in_consult_section(point.hit.chunk)


def complaint_unasked(span: str, question: str) -> bool:
    """Whether `span` is a line for complaints ("监督投诉电话") and the question makes none."""
    return bool(_COMPLAINT_LINE.search(span)) and not _COMPLAINT_LINE.search(question)


def line_named(sentence: str, clause: str) -> bool:
    """Whether the phone line `sentence` gives is one `clause` tells the asker to call ("承保机构24小时服务热线：0775-…"
    for "…应当在48小时内拨打承保机构服务热线报案"): four characters of the line's name before its number stand in it."""
    m = PHONE.search(sentence)
    if m is None:
        return False
    name = "".join(_HAN.findall(re.split(r"[。；;，,]", sentence[: m.start()])[-1]))
    return any(name[i : i + 4] in clause for i in range(len(name) - 3))


def of_office(sentence: str, question: str) -> bool:
    """Whether a consultation line may answer for the office the question names: it names the office's place and
    unit ("遂宁…养老服务科"), or the question names none ("有问题打哪个电话问")."""
    m = _OFFICE_ASKED.search(question)
    return m is None or (m.group(1) in sentence and (not m.group(2) or m.group(2) in sentence))


_TIMES = re.compile(rf"(?:\d+|[{CN_NUM}]+)\s*(?:次|回|趟|顿|餐)")  # a count of times: 2次, 二十次, 限补一餐 (not 50元/次)


def measured_in(unit: str) -> re.Pattern[str]:
    """A figure in `unit` (a key of query.MEASURES: "课时" finds "不少于40学时", "二十课时")."""
    return re.compile(rf"(?:\d+(?:\.\d+)?|[{CN_NUM}]+)\s*个?\s*(?:{MEASURES[unit]})")


def in_unit(point: Scored, measured: re.Pattern[str], unit: str) -> bool:
    """Whether a point states a figure in `unit`: in its words ("床位120张"), or as a table row's figure under a
    column named in that unit ("床位数（张） | … | 300")."""
    if measured.search(point.span):
        return True
    heads, values = header_cells(point.hit.chunk.heading_path), cells(point.span)
    return len(heads) == len(values) and any(re.search(rf"(?:{MEASURES[unit]})", h) and re.search(r"\d", v)
                                             for h, v in zip(heads, values, strict=True))


_PERIOD = re.compile(rf"(?<![\d月第{CN_NUM}])(?:\d{{1,3}}|[{CN_NUM}]{{1,3}})\s*(?:个?工作日|天|个月|个星期|周(?!岁)|个?小时|分钟"
                     rf"|年(?![\d{CN_NUM}度底初末])|(?:日|月)(?=内|以内|之内|前|以前|之前))")
# a ceiling stated: "最高不超过5万元", "每人每年最多补助2000元", "上限为…", "封顶"
CEILING_SAID = re.compile(r"最高|最多|不超过|不高于|上限|封顶|为限")
_TERM = r"(?:月|季度?|年|半年|周)"  # the term of a rhythm: 按月, 每季度, 逐月
# a time a "when" is answered by: a date, a length of time, a rhythm ("按月发放", "每季度申报", not "每人每月50元")
_RHYTHM = re.compile(rf"按{_TERM}|逐月|每{_TERM}(?=[发拨支结申报])")  # "按季度拨付", "逐月发放", "每季度申报"
_WHEN_SAID = re.compile(DATE.pattern + "|" + _PERIOD.pattern + rf"|按{_TERM}|逐月|随时|当场|即时|当日|当天"
                        rf"|每{_TERM}(?=[发拨支结申报初底末前\d])")
# a rule that sets no such limit: "未设置户籍迁入年限要求", "不设等待期" (not "…可以申请即时评估，不受有效期限制", which
# says when an exception applies, not how long a thing lasts)
_NONE_SET = re.compile(r"未设置|没有设置|不设|不再设")
_STARTS_IN = re.compile(r"自\s*(\d{4})\s*年[^。；;，,]{0,12}起")  # "自2025年1月1日起": the year a rule starts
# the day something starts from: "自2024年7月1日起", "2025年1月起", "评估结论作出之日的次月起"
STARTS_SAID = re.compile(_STARTS_IN.pattern + r"|\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*起|(?:次月|当月|之日)起")
# the hours or days a service is open or comes: "8:00—17:30", "上午8时至12时", "每周一至周六"
HOURS_SAID = re.compile(r"\d{1,2}\s*[:：]\s*\d{2}|[上下]午\s*\d{1,2}\s*[时点]|\d{1,2}\s*[时点](?:\d{1,2}分)?\s*(?:至|到|—|-|－|~)"
                        r"|(?:周|星期)[一二三四五六日天]\s*(?:至|到|—|-|－)\s*(?:周|星期)?[一二三四五六日天]|全天|24小时")
_FIGURE_OR_PERIOD = re.compile(_NUMBER.pattern + rf"|按{_TERM}|每{_TERM}|逐月|一次性")
# a leading item or article number ("10.", "(3)", "第十四条"): the label, not part of what the clause says
_ITEM_NUMBER = re.compile(r"^\s*(?:\d+[.、.]|[((]\d+[))]|第[一二三四五六七八九十百零〇]+条(?:之[一二三四五六七八九十]+)?\s*)")
_ITEM_START = re.compile(r"^\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、](?!\d))")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_ADDRESSEE = re.compile(r"^各[^。；;]{0,40}[：:]$")
# a benefit no one applies for ("免申即享", "本人和家属无需再提交申请"): the answer to "去哪申请" and "要带什么" (not
# "跨入新年龄段的…无需重新申请", said of who has it already)
_NO_APPLICATION = r"免申即[享办]|(?:无需|无须|不需要?|不用)[^,，。;；重]{0,4}(?:申请|申报|提交|办理)|自动纳入"
_MATERIALS = re.compile(_NO_APPLICATION + r"|材料(?!齐全|完整|不全|不齐|真实)|证明|证件|身份证|户口簿|申请表|申请书|授权书|委托书|承诺书|[表书]》|营业执照|登记证书|印章|复印件|照片|凭[^,，。;；]{2,20}(?:申请|办理)"
                        r"|(?:提交|报送|提供)[^,，。;；]{0,12}(?:方案|报告|申请书|清单|计划|协议|合同)")  # 提交老年人安置方案: a paper
# ("材料齐全的，…5个工作日内发放" names no paper: it says when the card is issued)
# how long a card, a result or a voucher lasts, as documents say it ("评估结果有效期为1年", "每年年审一次", "当年有效")
_TERM_SAID = re.compile(r"有效期|有效|年审|期满|届满|到期|重新(?:评估|申请|认定|审核|办理)|每.{0,2}年|长期")
# "申请人应当提供以下材料：": the list of materials itself (its items follow)
_MATERIALS_LIST = re.compile(r"(?:提供|提交|携带|准备|持)[^。；;]{0,10}(?:以下|下列|如下)[^。；;]{0,6}(?:材料|证件|证明)")
# how a standard changes over time ("建立动态调整机制", "逐步提高"): what the documents say of the changes to come
_ADJUSTS = re.compile(r"动态调整|适时调整|定期调整|调整机制|逐步提高|逐年提高|稳步提高|自然增长|提高到|提高至|调整为|调整到|上调至|上调到")
# a procedure, a place or an office to apply to: what a "怎么申请/找谁" answer must hold
_PROCEDURE = re.compile(
    _NEXT_STEP.pattern + "|" + _NO_APPLICATION + r"|人民政府|民政局|民政部门|[^,，。;；]{0,6}部门(?:负责|办理|审批|审核|确认|直管|经办)|办事处|居委会|村委会"
    r"|居民委员会|村民委员会|经办机构|人民法院|调解委员会|仲裁机构|公安机关|受理|窗口|政务服务|热线"
    r"|(?:申领|办理|经办|审核|审批|认定|登记|备案|反映|注册|报名)|(?:进行|申请|经|通过)[^,，。;；]{0,4}评估"
    r"|(?:通过|登录|使用)[^,，。;；]{0,12}(?:小程序|APP|App|app|公众号|网站|平台)"  # a channel: "通过…微信小程序实名注册"
    r"|[省市县区州旗][^\s,，。;；|、]{1,10}?(?:局|委员会|办公室|中心)")  # an office: "市交通运输局" (a 牵头部门 cell)
# "会怎么处罚?" is answered by a penalty or an order of an authority
# a total a report says was paid out ("高龄津贴发放对象17221人，发放资金592.32万元"), and a sum per person or per time
_TOTAL_PAID = re.compile(r"(?:发放|拨付|下达|投入|筹措|累计|共计|合计|新增)[^，。；,;]{0,8}?\d+(?:\.\d+)?\s*(?:万|亿)元")
# the 街道, 镇 or 乡 an elder lives in, as a family says it ("我外公住惠城江北街道", "户口在城关镇")
_RESIDENCE = re.compile(r"(?:住在?|家在|户口在|户籍在|是)(?:[\u4e00-\u9fa5]{0,6}?[区县市])?([\u4e00-\u9fa5]{2,4}?(?:街道|镇|乡))")
# the words that end in 镇/乡/街道 and name none ("乡镇", "城乡", "所在街道", "老家乡下")
_NO_TOWN = re.compile(r"(?:城|村|集|市|本|各|全|该|家|老|故|回|下|异|同|他|和|、|在|的|个|每|所|乡|镇|区|县|小|古|重|名|或|及|向|到|去)"
                      r"(?:镇|乡|街道)|乡镇|乡下|乡村")
_PLACE_GAP = "\0"  # what a place name of the lexicon is replaced with, to find the town named after it


def towns_in(text: str) -> list[str]:
    """The 镇 and 乡 `text` names by name ("凤山镇滇红路186号" → 凤山镇: the two characters before the suffix), and the
    街道 right after a place name set aside with _PLACE_GAP; not the words that name none ("乡镇", "所在街道")."""
    out = [m.group(0) for m in re.finditer(r"([\u4e00-\u9fa5]{2})(镇|乡)", text)
           if not _NO_TOWN.search(text[m.start(2) - 1 : m.end(2) + 1])]
    return out + [m.group(1) + "街道" for m in re.finditer(f"(?<={_PLACE_GAP})([\u4e00-\u9fa5]{{2,4}}?)街道", text)]


def asked_town(question: str, lex: Lexicon) -> str:
    """The 镇 or 乡 a question names ("凤庆雪山镇有没有老年助餐点" → 雪山镇, "柳泉镇今年…"), or a 街道 right after a place
    name ("铜山区柳泉街道"), the lexicon's place names set aside; "" for none ("乡镇", "是去社区还是去街道")."""
    text = question
    for start, alias, _region in place_matches(question, lex):
        text = text[:start] + _PLACE_GAP * len(alias) + text[start + len(alias):]
    return next(iter(towns_in(text)), "")


# …whose place is what is asked when a service near it is ("附近有给洗澡的没", "离王桥镇近的养老院")
_NEARBY = re.compile(r"附近|就近|周边|离[^，,。？?]{0,8}近|哪家|哪里|哪儿|在哪")
_PER_UNIT = re.compile(r"每(?:人|户|月|年|季|餐|次|床|张|天|日)|/(?:人|户|月|年|餐|次|床|张)")
_TOTAL_ASKED = re.compile(r"一共|总共|共计|合计|总额|总数|累计|总计|全部")


def paid_in_total(span: str, question: str = "") -> bool:
    """Whether the sum `span` states is a total paid out ("发放资金592.32万元"), no rate per person or per time, and
    the question does not ask for a total ("一共发了多少钱")."""
    return bool(_TOTAL_PAID.search(span)) and not _PER_UNIT.search(span) and not _TOTAL_ASKED.search(question)


# who a rule leaves out ("…的老年人，不重复建设家庭养老床位"), and a question about them ("哪些人不能申请")
_EXCLUSION = re.compile(r"不重复|不予|不得(?:享受|申请|重复)|不属于|不纳入|不再享受|除外")
_EXCLUSION_ASKED = re.compile(r"(?<!能)不能|(?<!可)不可以|不符合|(?<!给)不给|不让|不予|排除|除外|不属于|不纳入")
# a sanction on who breaks a rule, and a question that asks about one ("能罚多少", "骗补贴会怎样")
_SANCTION = re.compile(r"罚款|处罚|处分|追究[^,，。;；]{0,8}责任|吊销|没收|拘留|取消[^,，。;；]{0,8}资格|追回")
_SANCTION_ASKED = re.compile(r"罚|处分|处理|后果|追究|责任|违规|违法|骗|冒领|套取|取消资格|追回")
_PENALTY = re.compile(r"罚款|处罚|处分|追究[^,，。;；]{0,8}责任|责令|吊销|没收|拘留|取消[^,，。;；]{0,8}资格|收回|退赔|退回|追回"
                      r"|移送(?:司法|公安)|[\d一二三四五六七八九十]年内不得")  # "追回补贴资金，该机构3年内不得申报": sanctions too
# "什么样的老人可以…?" is answered by the clause naming whom it applies to: "对…的老年人…给予", "符合…条件",
# a definition, "具有下列情形之一"
_WHO = re.compile(r"对[^。；;]{2,60}(?:给予|提供|实行|发放|纳入)|符合[^,，。;；]{0,12}条件|是指|具有下列情形"
                  r"|(?:老年人|老人|家庭|人员)[,，]?(?:可以|应当)?(?:享受|申请|入住)")
# "提供哪些服务?" is answered by a list ("提供下列服务:"), or less surely by an enumeration (日间照料、助餐、助浴…)
_ENUMERATION = re.compile(r"(?:[^、,，。;；]{1,12}、){2,}|[^、,，。;；]{1,12}、[^、,，。;；]{1,12}(?:和|及|以及)")
_FREE = re.compile(r"免费|免收|免交|减半|减免")  # a charge waived (one of _STANDARD's rules)
_ALLOWANCE = re.compile(r"(?:补贴|津贴|补助|慰问金|奖励)$")  # a sum paid to the elder, named as asked
# an amount given by a rule rather than a sum: 全额, 免费, 减半, "不超过…标准", "按照…标准", a rate of a base
# ("按每人每月0.01%的费率", "基数的50%"), by level ("根据评估确定的类型和等级，给予相应…补贴")
_STANDARD = re.compile(r"全额|" + _FREE.pattern +
                       # "按照本市最低生活保障标准": a sum's rule; not a building's ("按照每百户不少于20平方米的标准")
                       r"|(?:不超过|不低于|不高于|参照|按照)(?![^,，。;；]{0,16}?(?:平方米|米|张|户|人|个)[^,，。;；]{0,4}标准)"
                       r"[^,，。;；]{0,16}标准"
                       r"|\d+(?:\.\d+)?\s*[%％](?:的)?(?:费率|比例)|(?:基数|标准|费用|工资)的\s*\d+(?:\.\d+)?\s*[%％]"
                       r"|根据[^。；;]{0,30}(?:类型|等级|程度)[^。；;]{0,20}给予相应")  # …按等级给予相应补贴
# what an answer must hold for each kind of question (query.wants), and how its absence is said
ANSWER_HOLDS: dict[str, tuple[str, re.Pattern[str]]] = {
    "contact": (NOT_STATED["contact"], PHONE),
    "materials": (NOT_STATED["materials"], _MATERIALS),
    # (a clause that sets none answers "要满几年": "未设置户籍迁入年限要求")
    "number": (NOT_STATED["number"], re.compile(f"{_FIGURE_OR_PERIOD.pattern}|{_NONE_SET.pattern}")),
    "procedure": (NOT_STATED["procedure"], _PROCEDURE),
}
# an address: a street and its number ("鲁史镇楼梯街15号", "滇红路186号"), a building ("3号楼")
ADDRESS = re.compile(r"[\u4e00-\u9fa5](?:路|街|巷|大道|胡同|弄)\s*\d+\s*(?:号|弄)|\d+\s*号(?:楼|院)")
_PHONE_OR_ADDRESS = re.compile(f"{PHONE.pattern}|{ADDRESS.pattern}")


def holds_of(query: Query) -> tuple[str, re.Pattern[str]] | None:
    """What an answer to `query` must hold, and how its absence is said (ANSWER_HOLDS; a phone number or, when an
    address is asked, a street and number)."""
    if query.wants == "contact" and query.asks_address:
        return NOT_STATED["contact"], _PHONE_OR_ADDRESS
    return ANSWER_HOLDS.get(query.wants)


# the form of a full answer to a kind of question, preferred to a sentence that only mentions what is asked
# ("提供以下材料：" with its items, not "凭低保证或认定材料" in a table's 备注)
# ("应同时符合以下条件：" with its conditions, not "放宽享受待遇条件")
_CONDITIONS_LIST = re.compile(r"(?:符合|具备|满足|具有)[^。；;]{0,6}(?:以下|下列|如下)[^。；;]{0,6}(?:条件|情形)")
FULL_ANSWER: dict[str, re.Pattern[str]] = {"materials": _MATERIALS_LIST, "who": _CONDITIONS_LIST,
                                         "penalty": _PENALTY}  # "该怎么处理，能罚多少": the sanction
# kinds whose answer is one sentence of its own (an office, a list of papers, a phone number), added to the
# answer when the best points lack it; a figure is not (almost any sentence holds some number)
HOLD_KINDS = ("contact", "materials", "procedure")
BAND_FLOOR = 1e-3  # the score of a sentence holding the elder's age band and its sum, though no word asked
MAX_LISTED = 12  # the items of a guide's section of the asked kind ("申请材料") quoted under the 结论
# the sentences that answer each kind of question, and how much they are favoured in picking the 结论
ANSWERED_BY: dict[str, tuple[tuple[re.Pattern[str], float], ...]] = {
    **{kind: ((ANSWER_HOLDS[kind][1], INTENT_BONUS),) for kind in HOLD_KINDS},
    "materials": ((_MATERIALS_LIST, INTENT_BONUS * ENUMERATION_BONUS), (_MATERIALS, INTENT_BONUS)),
    "list": ((structure.LIST_INTRO, INTENT_BONUS), (_ENUMERATION, ENUMERATION_BONUS)),
    "penalty": ((_PENALTY, INTENT_BONUS),),
    "who": ((_WHO, ENUMERATION_BONUS),),
}


@dataclass
class Scored:
    """A candidate sentence with where it came from."""

    hit_rank: int
    hit: Hit
    span: str
    score: float
    about: str = ""  # the sentence it continues, which says what it speaks of ("…发放高龄津贴。" for "标准为：…")


class TermWeights(dict[str, float]):
    """Each term's weight in picking sentences; the words that only ask for a kind of answer (`asking`) weigh
    ASKING_WEIGHT of theirs. `full()` gives them their whole weight: the measure of how much of the question a
    clause says, and of how sure an answer is."""

    asking: frozenset[str] = frozenset()
    focus: frozenset[str] = frozenset()  # the terms of a follow-up's latest message, with the lexicon's words for them
    # (not a word that only presses, "具体能补多少钱": it asks nothing new)
    new: frozenset[str] = frozenset()  # of those, the ones the asker wrote that the earlier turns did not have ("现金")

    def full(self) -> dict[str, float]:
        """The weights with the asking words' whole weight."""
        return {t: w / ASKING_WEIGHT if t in self.asking else w for t, w in self.items()}

    def keep(self, terms: Collection[str]) -> TermWeights:
        """These weights for `terms` only."""
        out = TermWeights({t: w for t, w in self.items() if t in terms})
        out.asking, out.focus, out.new = self.asking, self.focus, self.new
        return out


_EACH_OF = re.compile(r"每个(?=[月年天日人次周星季老户])")  # "每个月能领多少", "每个老人": per month, per head


def term_weights(query: str, retriever: Retriever, focus: str = "", residence_asked: bool = False) -> TermWeights:
    """IDF weight of each content term of the query (terms unknown to the corpus weigh the most, except a
    number or a function word no document holds: an age, "一直").
    Place names, the elder ("奶奶") and counts ("一个" of 一个月) are left out (regions are handled by ranking), and
    the 街道 or 镇 the elder lives in unless its office is asked for (`residence_asked`: "江北街道的咨询电话");
    terms of `focus` (the user's latest message, when the query also carries earlier turns) weigh double."""
    focus_terms = {t for t in tokenize(focus) if t not in GENERIC_TERMS} if focus else set()
    carried = FOCUS_CARRIED if focus_terms else 1.0
    # the places the query names, as written (浩特 of 呼和浩特 is no word of its own)
    places = [alias for _start, alias, _region in place_matches(query, retriever.lex)]
    if not residence_asked:
        places += [m.group(1) for m in _RESIDENCE.finditer(query)]
    # "准备" of 要准备啥材料 asks for a kind of answer (which the answer's form then decides), it names no topic;
    # the kind's own noun (材料) and a word the topic also uses keep their weight
    spans = [(a, b) for a, b in asking_spans(query) if b - a <= ASKING_SPAN]  # not "骗取低保…会怎么样"
    asking = {t for t in tokenize(query) if _only_asks(t, query, spans)
              and not any(t in noun or noun in t for noun in ASKED_NOUNS)} - set(tokenize(asked_about(query)))
    ages = age_phrases(query)
    out: dict[str, float] = {}
    for t in mended_tokens(query, retriever.df):
        if any(t in phrase for phrase in ages):
            continue  # "一百岁": the elder's age, which the age bands weigh (a figure "80" of 80周岁 stays below)
        if (len(t) < 2 and not t.isdigit()) or t in GENERIC_TERMS or t in NOW_WORDS or find_regions(t, retriever.lex) \
                or any(t in a or (len(t) - len(a) >= 2 and (t.startswith(a) or t.endswith(a))) for a in places) \
                or t in ELDER_WORDS or t.removeprefix("我") in ELDER_WORDS \
                or (COUNT_WORD.fullmatch(t) and (not t.startswith("每") or _EACH_OF.search(query))):
            continue  # a place (or a word a place qualifies, "婺源时间银行": its other words are terms of their own),
            # the elder ("奶奶"), a time seen from the asker ("今年"), a count ("一个" of 一个月, "每个"
            # of 每个月; "每个区县" is the documents' own) is no topic
        if t not in retriever.df and (t.isdigit() or function_word(t) or t in KIND_NOUNS or stray_guess(t)
                                      or _glued_to_elder(t, query)):
            # "我爸82 一直不…": an age, a figure or a function word no document holds is not what is asked (the
            # 80 of 80周岁 is, and a topic no document names still weighs the most); nor the noun of a kind asked
            # that no document writes (时候 of 什么时候: the answer's form answers it), nor a piece jieba glued to
            # "能" ("券能" of 消费券能拿去) or to the elder ("爹发" of 给俺爹发的…)
            continue
        out[t] = retriever.idf(t) * (FOCUS_WEIGHT if t in focus_terms else carried) * (ASKING_WEIGHT if t in asking else 1.0)
    weights = TermWeights(out)
    weights.asking = frozenset(t for t in out if t in asking)
    weights.focus = frozenset(t for t in out if t in focus_terms and t not in FILLER_WORDS)
    return weights


def _glued_to_elder(term: str, query: str) -> bool:
    """Whether `term` is a guess of jieba's HMM that glues the last character of the elder's word to the character
    after it ("爹发" of "给俺爹发的那个…"): two characters, not in jieba's dictionary."""
    return len(term) == 2 and not known_word(term) and any(w.endswith(term[0]) and w + term[1] in query
                                                           for w in ELDER_WORDS)


def _only_asks(term: str, query: str, spans: list[tuple[int, int]]) -> bool:
    """Whether every occurrence of `term` in `query` overlaps words that ask for a kind of answer ("能补" of 能补多少,
    "准备" of 准备啥材料)."""
    starts = [m.start() for m in re.finditer(re.escape(term), query)]
    return bool(starts) and all(any(a < s + len(term) and s < b for a, b in spans) for s in starts)


def translated(weights: TermWeights, query: str, retriever: Retriever, texts: str = "", said: str = "") -> TermWeights:
    """`weights` without the colloquial words no document holds that the lexicon gives the documents' words for
    ("批下来" → 审批, "低保户" → 低保, and its piece "保户"): the query carries those words, which say whether the
    documents speak of it; nor the lexicon's words no document holds that the asker did not write (`said`: "办理地点"
    added for "在哪办" where the documents say 在哪办理). An abbreviation whose full form stands in `texts` stays
    ("长护险": 长期护理保险)."""
    keys = [key for key in retriever.lex.synonyms if key in query]
    return weights.keep([t for t in weights if t in retriever.df
                         or (not any(t in key for key in keys) and (not said or t in said))
                         or (texts and (pattern := _abbreviation(t)) is not None and pattern.search(texts))])


def coverage(weights: dict[str, float], texts: list[str]) -> float:
    """Share of the query's IDF weight whose terms occur in `texts` — the answer's confidence signal."""
    total = sum(weights.values())
    if total == 0:
        return 0.0
    joined = re.sub(r"\s+", "", "".join(texts)).lower()
    return sum(w for t, w in weights.items() if t in joined) / total


def best_span(sentence: str, weights: dict[str, float], wants_number: bool = False) -> str:
    """The sentence, or when long, its contiguous clauses around the query's terms (verbatim); when the
    question asks for a figure or a date, a clause holding one counts like the question's best term."""
    if len(sentence) <= MAX_SPAN:
        return sentence
    # (at ASCII commas only, as it has always been: cut at "，；" too, a long sentence listing bands "（一）重度失能的，
    # 每人每月三百元；…（四）能力完好的八十周岁以上老年人，每人每月八十元" loses the elder's band, which this does not weigh)
    clauses = re.split(r"(?<=[,;])", sentence)
    figure = max(weights.values(), default=0.0) if wants_number else 0.0
    scores = [sum(w for t, w in weights.items() if t in c) + (figure if has_number(c) else 0.0) for c in clauses]
    best, best_s = (0, 0), -1.0
    for i in range(len(clauses)):
        size, s = 0, 0.0
        for j in range(i, len(clauses)):
            size += len(clauses[j])
            if size > MAX_SPAN and j > i:
                break
            s += scores[j]
            if s > best_s:
                best, best_s = (i, j), s
    return "".join(clauses[best[0] : best[1] + 1])


_JOINS = re.compile(r"以及|和|及|与|暨|、")


def _title_subjects(title: str) -> list[str]:
    """The subjects a title joins ("…养老服务补贴和失能老年人护理补贴实施办法" → two), or [] when it names one
    (pieces under four characters, such as 呼 of 呼和浩特, are no subject)."""
    parts = [x for x in _JOINS.split(re.sub(r"《[^》]*》", "", title)) if len(x) >= 4]
    return parts if len(parts) >= 2 else []


def _covered(span: str, weights: dict[str, float], title: str = "",
             idf: Callable[[str], float] | None = None, skip_title: bool | None = None) -> dict[str, float]:
    """Question terms in the span with the weight they earn there: written out, or in full where the
    question abbreviates (低保 in 最低生活保障, 老人 in 老年人; only words the documents use), which earns no
    more than the full form's own weight (`idf`; 老年人 is everywhere). Words of the document's title only identify the document, so they
    do not tell its sentences apart and are not counted — unless the question has no other words (`skip_title`,
    when the caller knows better: no clause holds the other words)."""
    out: dict[str, float] = {}
    # a question made only of the title's words ("北京居家养老有哪些服务?" of 北京市居家养老服务条例) asks about
    # the document's subject as a whole: its words count in every sentence, and meaning picks among them
    # (a common word off the title, 补贴 of "每个月能领多少高龄津贴", tells no sentence apart: it does not count)
    if skip_title is None:
        skip_title = _title_words_skipped(weights, title)
    asked = "".join(weights)
    subjects = _title_subjects(title)
    for t, w in weights.items():
        if skip_title and t in title and sum(t in x for x in subjects) != 1:
            continue  # (a word of one of the subjects a title joins, 养老服务补贴 of "…养老服务补贴和…护理补贴办法", tells)
        if t in span and _means(t, span, asked):  # not only inside another group's word (失能 in 半失能)
            out[t] = w
        elif (pattern := _abbreviation(t)) and _used(t, idf) and \
                (m := next((x for x in pattern.finditer(span) if _means(x.group(), span, asked)), None)):
            out[t] = min(w, idf(m.group())) if idf else w
    return out


def _title_words_skipped(weights: dict[str, float], title: str, texts: str | None = None) -> bool:
    """Whether the question has a word off the title heavy enough to tell sentences apart (and held by `texts`, the
    clauses to pick from, when given: 补贴 of a heading "一、补贴标准" tells no sentence apart)."""
    heaviest = max(weights.values(), default=0.0)
    return any(t not in title and w >= TITLE_WORDS_FLOOR * heaviest and (texts is None or t in texts)
               for t, w in weights.items())


# a word inside a longer word that names another group: 失能 in 半失能, 低保 in 低保边缘 — "重度失能…补多少?" is not
# answered by the 半失能 row, nor "低保户…" by the 低保边缘 one, unless the question names that group itself
CONTRASTS: dict[str, tuple[str, ...]] = {
    "失能": ("半失能",),
    "低保": ("低保边缘",),
    "最低生活保障": ("最低生活保障边缘",),
    "低保家庭": ("低保边缘家庭",),
}


def _means(term: str, span: str, asked: str) -> bool:
    """Whether `term` occurs in `span` as itself, not only as part of a word for another group (CONTRASTS)
    that the question (`asked`: its terms joined) does not name."""
    others = [c for c in CONTRASTS.get(term, ()) if c not in asked]
    if not others:
        return True
    # ("低保家庭" is no substring of "低保边缘家庭": that word hides no occurrence of it)
    inside = {i + c.index(term) for c in others if term in c for i in _positions(c, span)}
    return any(i not in inside for i in _positions(term, span))


def _positions(word: str, text: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(word), text)]


def _used(term: str, idf: Callable[[str], float] | None) -> bool:
    """Whether the documents use `term` themselves (a real word, such as 低保 or 老人, not a cut of the
    question's words such as 不要 or 博要, which would "abbreviate" 不再要求): rarer than a word no chunk holds."""
    return idf is None or idf(term) < idf("")


def _names_benefit(benefit: str, text: str) -> bool:
    """Whether `text` names the benefit a question asks of, as written or with words between its head and its
    kind (居家养老补贴 → 居家养老服务补贴), within one clause."""
    if benefit in text or program_written(benefit).search(text):  # as a program is written (高龄补贴: 高龄津贴)
        return True
    head, kind = re.escape(benefit[:2]), re.escape(benefit[-2:])
    return len(benefit) >= 4 and bool(re.search(f"{head}[^,，。;；]{{0,{len(benefit)}}}?{kind}", text))


@functools.lru_cache(maxsize=4096)
def _abbreviation(term: str) -> re.Pattern[str] | None:
    """The full forms a two- or three-character term may abbreviate: its characters in order with at most
    ABBREVIATION_GAP others between each (低保 → 最低生活保障, 医保 → 医疗保险, 老人 → 老年人)."""
    if not 2 <= len(term) <= 3 or not _HAN.fullmatch(term):
        return None
    return re.compile(f"[^,，。;；、]{{0,{ABBREVIATION_GAP}}}".join(map(re.escape, term)))


def _definition_factor(span: str, weights: dict[str, float], asked: bool) -> float:
    """How a sentence's definition bears on a question about a term: it defines the term asked about
    (DEFINITION_BONUS), or another term holding words the question does not have (最低生活保障边缘家庭 for a
    question on 低保: DEFINITION_OTHER). `asked`: the question asks what a term means, so any defining
    sentence is favoured."""
    m = _DEFINED.match(_ITEM_NUMBER.sub("", span, count=1))  # "第二条本法所称…": after the article's label
    if not m:
        return DEFINITION_BONUS if asked and _DEFINES.search(span) else 1.0
    term = re.sub(r"^.*?所称", "", m.group(1))
    rest = term
    for t in sorted(weights, key=len, reverse=True):
        rest = rest.replace(t, "")
        if (pattern := _abbreviation(t)) is not None:
            rest = pattern.sub("", rest)
    left = _HAN.findall(rest)
    if rest == term:  # none of the question's words: favoured only when any definition is asked for
        return DEFINITION_BONUS if asked else 1.0
    return DEFINITION_BONUS if sum(map(len, left)) <= 1 else DEFINITION_OTHER


def _on_topic(point: Scored, weights: dict[str, float], asked: re.Pattern[str],
              idf: Callable[[str], float] | None = None) -> bool:
    """Whether a point shares the question's topic, not only the kind of thing asked for: of the question's
    terms that are not themselves words of what is asked (材料, 申请…), it holds one, in its sentence or
    its chunk's title and headings. True when the question has no such term."""
    topic = {t: w for t, w in weights.items() if not asked.search(t)}
    if not topic:
        return True
    chunk = point.hit.chunk
    where = point.span + chunk.heading_path + chunk.title
    return bool(set(_covered(where, topic, "", idf)))


def of_topic(point: Scored, weights: dict[str, float], asked: re.Pattern[str],
             idf: Callable[[str], float] | None = None) -> bool:
    """`_on_topic`, with the title counted only when it names one subject: a title joining two ("…高龄津贴和老年人意外伤害
    保险政策问答") does not tell which of them a clause is about."""
    chunk = point.hit.chunk
    if not _title_subjects(chunk.title):
        return _on_topic(point, weights, asked, idf)
    topic = {t: w for t, w in weights.items() if not asked.search(t) and t not in getattr(weights, "asking", ())
             and not _PROCEDURE.search(t) and not _MATERIALS.search(t) and not _APPLYING.search(t)  # (申请, 办理: how)
             and not t.isdigit()}  # (an age, "80", is the elder's, and digits stand in any sentence: "180日")
    return not topic or bool(set(_covered(point.span + chunk.heading_path, topic, "", idf)))


def item_title(sents: list[str], k: int) -> str:
    """The title of the item `sents[k]` continues ("（三）审批。" for "区县民政局应当在10个工作日内作出决定。"):
    the item's first sentence when it is only a short name; "" otherwise."""
    if _ITEM_START.match(sents[k]):  # an item of its own, not a sentence continuing the one before
        return ""
    for j in range(k - 1, -1, -1):
        if _ITEM_START.match(sents[j]):
            title = _ITEM_START.sub("", sents[j], count=1)
            return sents[j] if len(title) <= ITEM_TITLE_MAX else ""
    return ""


def list_intro(sents: list[str], k: int) -> str:
    """The sentence that introduces the list item `sents[k]` ("申请最低生活保障，按照下列程序办理：" for
    "(二)…"), up to its colon; "" when `sents[k]` is not an item or no introduction precedes it."""
    if not _ITEM_START.match(sents[k]):
        return ""
    for j in range(k - 1, -1, -1):
        colon = max(sents[j].rfind("："), sents[j].rfind(":"))
        if colon >= 0:
            # "各区民政局：" addresses a notice's readers; it introduces no list
            return "" if _ADDRESSEE.match(sents[j]) else sents[j][: colon + 1]
    return ""


_ABOVE_SAID = re.compile(r"上述|前述")  # a sentence that builds on the one before it ("在上述标准基础上")
_REFERS_BACK = re.compile(r"^(?:其中|具体(?:标准)?(?:为|是|如下)|[\u4e00-\u9fa5]{0,6}标准(?:为|是|如下)|上述|以上|前述)")


def antecedent(sents: list[str], k: int) -> str:
    """The sentence `sents[k]` refers back to ("对…年满80周岁的老年人发放高龄津贴。" for "标准为：80周岁至89周岁的，
    每人每月100元；…"): what it speaks of is said there; "" when it opens with no such reference."""
    return sents[k - 1] if k and _REFERS_BACK.match(sents[k]) else ""


def _same_words(a: str, b: str) -> bool:
    """Whether two texts are the same once spaces and punctuation are left out."""
    return bool(a) and _PLAIN.sub("", a) == _PLAIN.sub("", b)


_PLAIN = re.compile(r"[\s\W_]+")


def _last_heading(heading_path: str) -> str:
    """The heading a clause stands right under ("（一）高龄津贴" of "二、补贴对象和标准 > （一）高龄津贴")."""
    return heading_path.rsplit(" > ", 1)[-1].strip() if heading_path else ""


def _heading_words(heading: str) -> str:
    """A heading without its number ("高龄津贴" of "（一）高龄津贴")."""
    marker = structure.match(heading)
    return marker.rest if marker is not None else heading


def section_title(heading_path: str) -> str:
    """The short title of the section a clause stands under, when it names a topic ("（一）高龄津贴" over
    "省定最低标准为：80至89周岁每人每月不低于50元…", "申请材料" over its item "2."); "" for an article label, a table, a
    question or a long heading."""
    last = _last_heading(heading_path)
    if last and (marker := structure.match(last)) is not None and marker.marker.family == "outline" \
            and not marker.rest.strip() and " > " in heading_path:
        # a bare item number ("申请材料 > 2.", "（一）就餐补贴 > 3."): the section the item stands in
        last = _last_heading(heading_path.rsplit(" > ", 1)[0])
    if not last or last.startswith(TABLE_MARK) or last.endswith(("？", "?")) or structure.QA_LABEL.fullmatch(last):
        return ""
    if (marker := structure.match(last)) is not None and marker.marker is structure.ARTICLE:
        return ""
    return last if 0 < len(_heading_words(last)) <= ITEM_TITLE_MAX else ""


def dated_heading(heading_path: str) -> str:
    """The nearest heading a clause stands under that gives a month or a day ("（一）申报阶段（2024年5月6日至6月30日）"),
    which answers "when" for its clauses; "" when none does (a year alone, "二、2025年度补贴标准", names a program)."""
    for part in reversed(heading_path.split(" > ") if heading_path else []):
        part = part.strip()
        if not part.startswith(TABLE_MARK) and _MONTH.search(_heading_words(part)):
            return part
    return ""


_MONTH = re.compile(r"\d{1,2}\s*月")


# a 政策问答's answer that only says yes or no ("答：可以。", "答：不能。"): its next sentence says on what terms
_BARE_REPLY = re.compile(r"答\s*[：:]\s*(?:不?可以|不?能|不?需要|不?要|不?是|没有|有|不?会|不?行)[。！!]?\s*$")
_QA_QUESTION = re.compile(rf"\s*(?:\d{{1,2}}\s*[.、．]\s*)?(?:问\s*[：:]\s*)?([^\n。；]{{2,{QUESTION_MAX}}}?[？?])")


def qa_question(chunk: Chunk) -> str:
    """The question a 政策问答's answer stands under: its heading ("五、怎么申请助餐补贴？") or the "问：…？" its text
    opens with; "" for any other clause."""
    return asked_heading(chunk.heading_path) or ((m := _QA_QUESTION.match(chunk.text)) and m.group(1)) or ""


def answers_kind_asked(chunk: Chunk, kind: str) -> bool:
    """Whether `chunk` is an answer of a 政策问答 whose question asks for `kind` of answer ("问：到哪里申请？" for a
    procedure): of the first point's page, it answers a follow-up at any score."""
    return bool(kind) and wants_of(qa_question(chunk)) == kind


def asked_heading(heading_path: str) -> str:
    """The question a 政策问答's answer stands under ("五、怎么申请助餐补贴？"), or "" when its heading asks nothing."""
    last = _last_heading(heading_path)
    return last if last.endswith(("？", "?")) else ""


_SHARE_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*[%％]|百分之[一二三四五六七八九十百]+")  # a share written as a figure
# a share stated, as a figure or in words (the word 比例 alone states none: "按伤残等级对应比例给付" gives no share;
# "按照下列比例配备：" introduces its list)
_SHARE = re.compile(_SHARE_FIGURE.pattern + r"|百分之|[一二三四五六七八九十]成|[一二三四五六七八九十\d]+\s*比\s*[一二三四五六七八九十\d]+"
                    r"|\d+\s*[:：]\s*\d+(?![:：\d])|全额|减半|(?:下列|以下|如下)比例")
# a date that ends something: "至2025年5月31日", "5月31日前", "截止", "有效期至", "逾期", "15个工作日内"
# a time limit: "自收到评定结果之日起15个工作日内", "三个月内"
_TIME_LIMIT = re.compile(rf"(?:\d+|[{CN_NUM}]+)\s*个?(?:工作日|日|天|月|年|小时|分钟)(?:内|以内|前|以前|之前)"
                         # a time before an end ("有效期满前3个月", "到期前30日"): "到期前多久要重新申请"
                         rf"|(?:满|期|届满)前\s*(?:\d+|[{CN_NUM}]+)\s*个?(?:工作日|日|天|月|年)")


def states_period(text: str) -> bool:
    """Whether `text` states a length of time or a time limit ("15个工作日内", "六十日前", "期满前3个月")."""
    return bool(_PERIOD.search(text) or _TIME_LIMIT.search(text))


_ENDS = re.compile(r"(?:至|到)\s*(?:\d{4}\s*年|\d{1,2}\s*月\s*\d{1,2}\s*日)|\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:前|以前|之前|止|截止)|截止|结束|到期|有效期"
                   r"|逾期|期限|" + _TIME_LIMIT.pattern)
# "截至8月14日，全市…约700余家": a count as of a day, not a date that ends anything
_AS_OF = re.compile(r"截至\s*(?:\d{4}\s*年)?\s*\d{1,2}\s*月\s*\d{1,2}\s*日[^，,。；;]*[，,]")


def ends_something(span: str) -> bool:
    """Whether a sentence gives a date or a time limit that ends something (a deadline, an end of validity)."""
    return bool(_ENDS.search(_AS_OF.sub("", span)))


def holds_money(chunk: Chunk, span: str) -> bool:
    """Whether `span` of `chunk` states a sum of money: written with its unit (300元), or a figure in a table
    row whose header gives the unit ("补贴标准（元/人·月）" over "500")."""
    return bool(MONEY.search(span)) or ("元" in table_context(chunk.heading_path) and bool(re.search(r"\d", span)))


# a sum, or a standard given as a figure (a share, an area, a multiple): what "没有写明具体金额" may not be followed by
_AMOUNT_LIKE = re.compile(MONEY.pattern + r"|\d+(?:\.\d+)?\s*(?:%|％|‰|平方米|倍)")
# a reference to a part of a text ("本条例第十二条第一项"): no figure
_REFERENCE = re.compile(rf"第[{CN_NUM}\d]+(?:条|款|项|章|节|编|部分)")


def has_number(span: str) -> bool:
    """A figure, a percentage or a date in the span (a leading item number such as "10." or a reference such as
    "第十二条第一项" is not one)."""
    return bool(_NUMBER.search(_REFERENCE.sub("", _ITEM_NUMBER.sub("", span))))


def _nearest_date(first: Scored, weights: dict[str, float], holds: re.Pattern[str] = DATE) -> Scored | None:
    """The sentence of `first`'s clause nearest to it that holds a date (or what `holds` says: a period) and
    shares a term with the question, if any."""
    sents = [best_span(x, weights, True) for x in chunk_sentences(first.hit.chunk.text)
             if not planted(x)]
    at = next((i for i, x in enumerate(sents) if first.span in x or x in first.span), 0)
    near = sorted((abs(i - at), i) for i, x in enumerate(sents)
                  if holds.search(x) and x != first.span and any(t in x for t in weights))
    if not near:  # or the heading the clause stands under ("（四）验收阶段（2024年11月30日前）")
        dated = dated_heading(first.hit.chunk.heading_path)
        return Scored(first.hit_rank, first.hit, dated, first.score) if dated and holds.search(dated) else None
    return Scored(first.hit_rank, first.hit, sents[near[0][1]], first.score)


_APPLYING = re.compile(r"提出申请|申请|报名|申报")
# "报名啥时候截止", "那什么时候报": the time for applying is asked
_APPLYING_ASKED = re.compile(r"截止|" + APPLY_SAID.pattern + "|" + _APPLYING.pattern)


_ITEM_LABEL = re.compile(r"第\d+项$")


def _part_words(heading: str) -> str:
    """A heading without its part number ("申请材料" of "三、申请材料"); as it is when it has none."""
    m = structure.match(heading, "outline")
    return m.rest if m is not None and m.marker.level == 1 else heading


def section_of_kind(first: Scored, retriever: Retriever, kind: re.Pattern[str]) -> list[Chunk]:
    """The clauses, in order, of the section of `first`'s document whose short label names what is asked (a guide's
    "申请材料" or "三、申请材料" for "要带啥"), when `first` stands outside it or the section's items are clauses of their
    own; else []."""
    chunks = sorted(retriever.doc_chunks(first.hit.chunk.doc_id), key=lambda c: c.start)
    # (or numbered as a guide's parts are: "三、申请材料")
    label = next((head for c in chunks if SECTION_LABEL.match(words := _part_words(head := c.heading_path.split(" > ")[0]))
                  and kind.search(words)), "")
    section = [c for c in chunks if label and c.heading_path.split(" > ")[0] == label]
    return [] if first.hit.chunk in section and len(section) == 1 else section  # (each item a clause: all of them)


def held_in_document(first: Scored, retriever: Retriever, weights: dict[str, float], holds: re.Pattern[str],
                     also: Callable[[str], bool] | None = None, applying: bool = False,
                     within: Callable[[Chunk], bool] | None = None) -> Scored | None:
    """The sentence of `first`'s document that holds what was asked (`holds`: a date, a share; and `also`, when
    given) and most of the question's terms — its clause's other sentences counted at CLAUSE_CREDIT ("每年三月三十
    一日前…提出申请" stands in the clause on 运营补贴) — if any; never its head (the day a law was adopted ends
    nothing a family applies for). `applying`: the question asks about applying ("报名截止", "那什么时候报"), and
    a sentence on applying is preferred; `within`: the clauses to look in (those under the benefit's heading)."""
    best: tuple[float, Chunk, str] | None = None
    chunks = retriever.doc_chunks(first.hit.chunk.doc_id)
    # a notice's preamble (before its first numbered part: "…决定2025年在全区开展…工作。现将有关事项通知如下：") states
    # why it was issued, no step, date or share of what it rules
    body = next((i for i, c in enumerate(chunks) if c.article), 0)
    for c in chunks[body:]:
        if is_head(c) or (within is not None and not within(c)):
            continue
        sents = chunk_sentences(c.text)
        for k, sent in enumerate(sents):
            if planted(sent) or not holds.search(sent) or (also is not None and not also(sent)) or _SANCTION.search(sent) \
                    or (c.title and c.title in sent) or DOC_NUMBER.search(sent) or _COVERING.search(sent):
                continue  # (a sanction, "…3年内取消申报资格", dates no step of applying and states no share of it; nor
                # do the document's own title line, "关于开展2025年…的通知郧民发〔2025〕12号", and its covering words)
            score = sum(w if t in sent else CLAUSE_CREDIT * w for t, w in weights.items() if t in c.text)
            if applying and _APPLYING.search(sent):
                score += max(weights.values(), default=0.0)
            if score > 0 and (best is None or score > best[0]):
                # ("…的，在上述标准基础上提高5000元": the sentence of the standard it raises goes with it)
                best = (score, c, sents[k - 1] + sent if k and _ABOVE_SAID.search(sent) else sent)
    if best is None:
        return None
    span = best_span(_ITEM_NUMBER.sub("", best[2], count=1).strip(), weights, True)
    return Scored(first.hit_rank, Hit(best[1], first.hit.score), span, first.score)


def names_topic(weights: dict[str, float]) -> Callable[[str], bool]:
    """Whether a sentence names a word of the question's topic (not only its asking words)."""
    topic = [t for t in weights if t not in getattr(weights, "asking", ())]
    return lambda sentence: any(t in sentence for t in topic)


def dated_in_document(first: Scored, retriever: Retriever, weights: dict[str, float],
                      applying: bool = False, ending: bool = True) -> Scored | None:
    """For "啥时候截止?" answered by a clause without a date: the sentence of the same document that gives a date
    ending something (held_in_document); without `ending`, any date ("那什么时候报?")."""
    return held_in_document(first, retriever, weights, DATE, ends_something if ending else None, applying)


def youngest_above(picked: list[Scored], age: int) -> int:
    """The youngest age of the bands the first point's sentence writes when every one of them starts above `age`
    and no point holds `age`; else 0."""
    bands = age_bands(picked[0].span) if picked else []
    if not bands or min(lo for lo, _ in bands) <= age or any(holds_age(p.span, age) for p in picked):
        return 0
    return min(lo for lo, _ in bands)


def too_young(first: Scored, retriever: Retriever, age: int, benefit: str) -> tuple[Scored, int] | None:
    """For "我爸72 一个月能领多少" of a benefit whose document names only older ages for it ("年满80周岁的老年人，都
    可以申请领取高龄津贴"): the sentence of the first point's document that names the youngest age for the benefit,
    and that age, when every age band the document writes next to the benefit starts above the elder's; else None.
    A sentence speaks of the benefit when it, or the heading it stands under, names it."""
    if not benefit:
        return None
    written = program_written(benefit)
    found: list[tuple[int, bool, Chunk, str]] = []
    for c in retriever.doc_chunks(first.hit.chunk.doc_id):
        if is_head(c):
            continue
        for sent in chunk_sentences(c.text):
            bands = age_bands(sent)
            if not bands or planted(sent) or not (written.search(sent) or written.search(c.heading_path)):
                continue
            found.append((min(lo for lo, _ in bands), any(lo <= age <= hi for lo, hi in bands), c, sent))
    if not found or any(holds for _, holds, _, _ in found) or min(lo for lo, *_ in found) <= age:
        return None
    youngest, _, c, sent = min(found, key=lambda x: (x[0], not _WHO.search(x[3])))
    span = best_span(_ITEM_NUMBER.sub("", sent, count=1).strip(), {benefit: 1.0}, True)
    return Scored(first.hit_rank, Hit(c, first.hit.score), span, first.score), youngest


# a notice's covering words: "关于印发《X》的通知 / 各…：现将《X》印发给你们，请认真贯彻执行", "…有关事项通知如下："
_COVERING = re.compile(r"关于印发[^。]{2,80}的通知|现将[^。]{2,80}印发给你们|(?:有关事项|具体事项)?通知如下\s*[:：]?$")


def cells(row: str) -> list[str]:
    """The cells of a table row (or of its header row), as written between its "|"."""
    return [cell.strip() for cell in row.split("|")]


def header_cells(heading_path: str) -> list[str]:
    """The cells of the header of the table a row's chunk stands in ("表:序号 | 机构名称 | 床位数（张）"), [] for a chunk
    that is no table row."""
    last = heading_path.split(" > ")[-1]
    return cells(last[len(TABLE_MARK):]) if last.startswith(TABLE_MARK) else []


# "床位数最多的", "补助最高的", "人数最少的": the row of a table whose figure in that column is the most or the least
_SUPERLATIVE = re.compile(r"最(多|大|高|少|小|低)")
_MOST = "多大高"
SUPERLATIVE_WINDOW = 6  # the column is named in this many characters before 最


def _figure(cell: str) -> float | None:
    m = re.search(r"\d+(?:\.\d+)?", cell)
    return float(m.group()) if m else None


def superlative_row(first: Scored, question: str, retriever: Retriever) -> Scored | None:
    """For a question asking which row of a table has the most or the least of a column ("床位数最多的民办养老机构是
    哪一家"), when the first point is a row of such a table: the row with the largest (smallest) figure in the column
    the question names before 最, among the rows whose cells hold the values the question names ("民办"); else None."""
    chunk = first.hit.chunk
    m = _SUPERLATIVE.search(question)
    heads = header_cells(chunk.heading_path)
    if not m or not heads:
        return None
    named = question[max(0, m.start() - SUPERLATIVE_WINDOW):m.start()]
    column = next((k for k, head in enumerate(heads) if any(named[i:i + 2] in head for i in range(len(named) - 1))), None)
    if column is None:
        return None
    rows = [(c, cells(c.text)) for c in retriever.doc_chunks(chunk.doc_id) if c.heading_path == chunk.heading_path]
    rows = [(c, values) for c, values in rows if len(values) == len(heads) and _figure(values[column]) is not None]
    for k in range(len(heads)):  # the rows of the kind asked: a cell's value the question names ("民办", not "是")
        if k != column and (said := {v for _c, values in rows if len(v := values[k]) >= 2 and v in question}):
            rows = [(c, values) for c, values in rows if values[k] in said]
    if len(rows) < 2:
        return None
    pick = max if m.group(1) in _MOST else min
    best, _values = pick(rows, key=lambda r: _figure(r[1][column]) or 0.0)
    return Scored(first.hit_rank, Hit(best, first.hit.score), best.text, first.score)


def row_key(values: list[str]) -> str:
    """A table row's name: its first cell that is no mere number (not the 序号 "1" of "1 | 幸福里服务中心 | …")."""
    return next((cell for cell in values if not re.fullmatch(r"[\d.\s]*", cell)), "")


def row_named(chunk: Chunk, question: str) -> bool:
    """Whether `chunk` is a table row whose name (`row_key`) the question says ("三星级 | 80 | 130 | 200" for "我们是
    三星级养老院…")."""
    if TABLE_MARK not in chunk.heading_path or not question:
        return False
    key = row_key(cells(chunk.text))
    return len(key) >= 2 and key in question


_PRICED = re.compile(r"^\s*([\u4e00-\u9fa5（）()]{2,})[^\u4e00-\u9fa5]{0,3}\d")  # "助洁40元/次": a sum with what it is for


def price_of_other(chunk: Chunk, weights: dict[str, float]) -> bool:
    """Whether a table row names a service asked about ("陪同就医" among its 服务项目) while its sums are each for
    something else ("助餐12元/餐；助洁40元/次"): it states no price of what is asked. The whole row is read: the span
    quoted from it may stop before its sums."""
    if TABLE_MARK not in chunk.heading_path:
        return False
    row = cells(chunk.text)
    priced = [c for c in row if MONEY.search(c)]
    if not priced:
        return False
    key = row_key(row)
    pieces = [x for c in priced for x in re.split(r"[；;，,、]", c) if MONEY.search(x)]
    if len(pieces) < 2 or not all((m := _PRICED.match(x)) and not m.group(1).startswith(("每", "按", "标准"))
                                  for x in pieces):
        return False  # a sum without what it is for ("30元", "每人每月50元") may be the price of anything the row names
    # (what is asked stands in the row's list of services: "助餐、助洁、陪同就医")
    asked = [t for t in weights if t not in getattr(weights, "asking", ()) and len(t) >= 2
             and any(t in c for c in row if c not in priced and c != key and "、" in c)]
    return bool(asked) and not any(t in c for t in asked for c in priced)


def table_of(chunk: Chunk, benefit: str = "") -> str:
    """What a table row's cells are about: its header row and heading; for the amount of a benefit its document's
    title names, that title too ("80—89周岁 | 每人每月100元" of 《…关于发放2025年度高龄津贴的公告》 is a sum of
    高龄津贴), as it is of a bare numbered item ("2. 90周岁至99周岁的，每人每月200元；" under "（二）发放标准").
    "" for a clause that is neither."""
    table = table_context(chunk.heading_path)
    if benefit and program_written(benefit).search(chunk.title) and (
            table or ((last := _last_heading(chunk.heading_path)) and not _heading_words(last))):
        return table + chunk.title
    return table


def pick_sentences(hits: list[Hit], weights: dict[str, float], max_points: int,
                   mix_regions: bool = False, wants_number: bool = False,
                   wanted_regions: list[str] | None = None, wants_date: bool = False,
                   cosines: Callable[[Chunk], np.ndarray | None] | None = None,
                   named_titles: frozenset[str] = frozenset(),
                   definition: bool = False,
                   answers: tuple[tuple[re.Pattern[str], float], ...] = (),
                   idf: Callable[[str], float] | None = None,
                   must_hold: re.Pattern[str] | None = None,
                   age: int | None = None, wants_term: bool = False, wants_money: bool = False,
                   benefit: str = "", strongest: re.Pattern[str] | None = None, subject: str = "",
                   program: str = "", referred: Callable[[Chunk, str], str] | None = None,
                   introduced: Callable[[Chunk], str] | None = None,
                   wants_period: bool = False, wants_count: bool = False,
                   count: tuple[int, str] | None = None, penalty_asked: bool = False, ceiling: bool = False,
                   exclusion_asked: bool = False, question: str = "", group: str = "",
                   asked_kind: str = "") -> list[Scored]:
    """Sentences that together cover the question's terms: the best one first, then each further one
    only if it adds enough of the question's weight (greedy set cover over the top chunks).
    Unless `mix_regions` (a comparison), further points come from the first one's region or national.
    `cosines(chunk)`: the question's cosine to each of the chunk's sentences; with it, the first point
    is the sentence that both shares the question's words and is closest to it in meaning. `answers`: what
    a sentence holds when it answers the kind of question asked (an office for "找谁"), with the bonus it
    earns (the first that matches). `idf(word)`: a word's weight in the corpus, for the full forms of the
    question's abbreviations. `must_hold`: what the answer must hold for the kind of question asked (an
    office for "找谁"); when no point holds it, the best sentence that does is added (if it scores at least
    HOLD_FLOOR of the first point). `age`: the elder's age, when known; a sentence whose age band holds it
    ("90至99周岁…每人每月200元" for 92) is favoured, one whose bands all leave it out is not. `wants_term`:
    the question asks who or what a term covers ("什么样的家庭能申请低保?", "养老服务包括哪些?"), which the
    definition of that very term answers. `wants_money`: the figure asked for is a sum of money (an age
    such as 年满60周岁 is no answer to "能领多少钱"); `benefit`: the one it is asked of (养老服务补贴), if named.
    `strongest`: the form of a full answer to the kind asked (a list of papers for "要啥材料"), which answers first
    when a sentence of that form scores HOLD_FLOOR of the best. `subject`: the word a figure is asked of ("中央" of
    中央出多少). `program`: the program the question names ("高龄津贴"): when only clauses of other levels speak of it,
    the asker's own region gets no precedence. `referred(chunk, sentence)`: the text of the articles of its own
    document a sentence names ("申请享受本条例第十五条规定待遇的…提交居民身份证" is about 第十五条's 高龄津贴).
    `introduced(chunk)`: for a table row, the sentence of its clause that introduces the table (counted as a list
    item's introduction is).
    `wants_period`: the figure asked is a length of time ("多久能拿到?"), which an age or a sum does not give;
    `wants_count`: a count of times ("最多能补几次?": 每月不超过2次), which a price per time (50元/次) is not.
    `count`: a count the asker states ("床位打算放15张"), whose band ("10张至19张") is favoured as an age's is.
    `ceiling`: the most that may be given is asked ("一年最多补多少"), which a sentence stating a ceiling answers first.
    `penalty_asked`: what happens to who breaks a rule is asked; else a sanction ("追回…取消…资格") is not favoured.
    `exclusion_asked`: who may not have it is asked ("哪些人不能申请"); else, for who may, an exclusion is not favoured.
    `question`: the question as asked (an office it names, whose phone a document's consultation line may not be).
    `group`: the group the elder belongs to (低保家庭), for whom a clause on "普通老年人" is not."""
    cands: list[Scored] = []
    sims: list[float] = []

    def gives_figure(chunk: Chunk, span: str) -> bool:  # the figure asked: a sum for "领多少钱", a time for "多久"
        # (a length of time: "每次服务时间不少于1小时"), a count of times for "几次"
        if wants_money:
            return holds_money(chunk, span)
        if wants_period or wants_count:  # "一个月来几回 每回待多久": either answers a part of it
            return bool((wants_period and _PERIOD.search(span)) or (wants_count and _TIMES.search(span)))
        return has_number(span)

    # words of the question none of these clauses hold ("能领", "每个" of 每个月) cannot tell them apart: they do not
    # make the title's words ("高龄", "津贴" of 湛江市高龄老人津贴发放实施细则) count for nothing
    texts = "".join(h.chunk.text + h.chunk.heading_path + (referred(h.chunk, h.chunk.text) if referred else "")
                    for h in hits[:6])
    scoring = {t: w for t, w in weights.items() if t in texts or ((pattern := _abbreviation(t)) and pattern.search(texts))} \
        or weights
    # "新疆有没有高龄津贴?": when only clauses of other levels speak of the program (the national 高龄津贴 clause), the
    # asker's own region does not answer first with a clause on something else (长期护理保险)
    own_hits = [h for h in hits[:6] if wanted_regions and h.chunk.region in wanted_regions and h.chunk.region != "全国"]
    program_elsewhere = bool(program) and not any(program in program_text(h.chunk) for h in own_hits) \
        and any(program in program_text(h.chunk) for h in hits[:6])
    bodies = "".join(h.chunk.text for h in hits[:6])
    # (a sum of the clause of the benefit asked, when one is named: not "高龄津贴" sums for "丧葬补助能给多少")
    benefit_written = program_written(benefit) if benefit and benefit != FEE else None
    for r, hit in enumerate(hits[:6]):
        skip = _title_words_skipped(scoring, hit.chunk.title, bodies)
        section = section_title(hit.chunk.heading_path)  # "申请材料" over its item "2.", once for the clause
        of_kind = must_hold is not None and bool(section) and bool(
            must_hold.search(_heading_words(section)) or (must_hold is PHONE and in_consult_section(hit.chunk)))
        # a 政策问答's answer whose question asks the kind asked ("问：到哪里申请？" for "那到哪里申请"): the follow-up's
        # only words are those of its kind, which every answer of the page on the topic shares
        of_kind = of_kind or answers_kind_asked(hit.chunk, asked_kind)
        sents = chunk_sentences(hit.chunk.text)
        of_benefit = benefit_written is None or bool(benefit_written.search(program_text(hit.chunk)))
        cos = cosines(hit.chunk) if cosines else None
        if cos is None or len(cos) != len(sents):
            cosines = None  # no vectors for this chunk: words alone decide, for every candidate
        if structure.in_asker_words(hit.chunk.heading_path):
            continue  # "听村里人说…每个月有300元": a citizen's belief in a 留言, which the reply under it corrects
        # "啥时候验收?": the date may stand in the heading the clause is under ("（四）验收阶段（2024年11月30日前）")
        dated = dated_heading(hit.chunk.heading_path) if wants_number else ""
        if dated and dated not in hit.chunk.text:
            sents = [*sents, dated]
            if cosines and cos is not None and len(cos):
                cos = np.append(cos, cos.max())
        for k, sent in enumerate(sents):
            if planted(sent) or SIGNATURE_LINE.match(sent) or (structure.APPENDIX.match(sent) and k) \
                    or _COVERING.search(sent):
                continue  # planted text (to a model, or money for all) is never quoted; a 落款, the name of an
                # attachment listed at a notice's end, or a notice's covering words say nothing
            span = best_span(sent, weights, wants_number)
            if len(span) < MIN_SPAN and k > 0 and not HEADING.match(sent):
                span = sents[k - 1] + span
                if _COVERING.search(span):
                    continue  # the title printed under a notice's covering words is no sentence of its own
            if _BARE_REPLY.search(sent) and k + 1 < len(sents):
                span += sents[k + 1]  # "答：可以。" goes on with what it takes ("租住房屋的…还需提供房屋租赁合同…")
            own = _covered(span, scoring, hit.chunk.title, idf, skip)
            s = sum(own.values())
            if not s and wants_money and age is not None and holds_age(span, age) and holds_money(hit.chunk, span):
                s = BAND_FLOOR  # "…90—99周岁老年人每人每月200元" for "我阿公91岁了 一个月有多少": no word asked, but the
                # elder's sum, which the clause found may give (it never outscores a sentence that says what is asked)
            about = list_intro(sents, k) or antecedent(sents, k)
            for context, share, title in ((about, INTRO_CREDIT, hit.chunk.title),
                                          (item_title(sents, k) or section,
                                           ITEM_TITLE_CREDIT, hit.chunk.title),
                                          (table_of(hit.chunk, benefit), TABLE_CREDIT, ""),
                                          (introduced(hit.chunk) if introduced else "", INTRO_CREDIT,
                                           hit.chunk.title),
                                          (asked_heading(hit.chunk.heading_path), QA_CREDIT, hit.chunk.title),
                                          (referred(hit.chunk, sent) if referred else "", REFERENCE_CREDIT,
                                           hit.chunk.title),
                                          (hit.chunk.text.replace(sent, "") if any(p.search(span) for p, _b in answers)
                                           or (wants_money and holds_money(hit.chunk, span) and of_benefit) else "",
                                           CLAUSE_CREDIT,
                                           hit.chunk.title)):
                # an item means what its list's introduction says it is; a sentence of an item titled
                # "（三）审批。" is about 审批; a table row, what its header row and heading say its cells are —
                # even in words of the title: "护理补贴标准" tells that table from the 高龄津贴 one of the same notice;
                # an answer of a 政策问答 is about the question it is headed by ("五、怎么申请助餐补贴？"); a clause
                # naming another article of its document ("享受本条例第十五条规定待遇的") is about that article's topic; a
                # sentence holding the kind of answer asked is about what its clause is ("申领时应当提交本人居民身份证…"
                # after "…申领《鞍山市老年人优待证》", "…向乡镇人民政府申请能力评估" before "评估费用由…承担"; a sum asked:
                # "…每人每月六百元" after "…按月享受高龄津贴。")
                s += share * sum(w for t, w in _covered(context, scoring, title, idf, skip if title else None).items()
                                 if t not in own) if context else 0.0
            if wants_number and gives_figure(hit.chunk, span):
                s *= NUMBER_BONUS  # the question asks for a figure or a date (for "领多少钱", a sum of money)
                if ceiling and CEILING_SAID.search(span):
                    s *= CEILING_BONUS  # "一年最多补多少": "单个助餐点年度运营补贴最高不超过5万元", not "每人次1元"
            if (HEADING.match(span) and len(span) <= 30 and not structure.opens_article(span) and span != dated) \
                    or structure.APPENDIX.match(span) or structure.in_form(hit.chunk.heading_path):
                # a bare heading names the topic but says nothing about it; nor does an attached form's title or
                # its blanks ("附件:…申请审批表", "初审意见 | (盖章)年月日")
                s *= HEADING_PENALTY
            elif (is_head(hit.chunk) and not wants_date) or _same_words(span, hit.chunk.title):
                s *= HEADING_PENALTY  # a document's head (a law's 题注, a notice's 文件开头) answers only "when"; its
                # title, standing alone as a line, answers nothing
            if wanted_regions and hit.chunk.region in wanted_regions and hit.chunk.region != "全国" \
                    and not program_elsewhere:
                s *= OWN_REGION_BONUS  # the asker's own region speaks first when it has a matching clause
            s *= next((bonus for pattern, bonus in answers if pattern.search(span)), 1.0)  # "找谁?": an office
            if of_kind:
                s *= ENUMERATION_BONUS  # an item of a guide's "申请材料" for "要带啥": one of the papers listed
            if age is not None and (fits := holds_age(span, age)) is not None \
                    and not (fits and wants_number and not gives_figure(hit.chunk, span)):
                # "我奶奶92岁": the band 90至99周岁, not 80至89周岁 (for "补多少钱", a band with the sum: "80周岁以上高龄…
                # 的老年人" says who may have it, not how much)
                s *= AGE_BONUS if fits else AGE_MISMATCH
            if _OTHER_GROUP.search(span) and not _ELDER_SAID.search(span) \
                    and not any(_OTHER_GROUP_SAID.search(t) for t in weights):
                s *= OFF_ASK  # "盲人持有效证件免费乘坐…" for "我妈刚满62 坐公交": a right of a group not said
            if must_hold is _PROCEDURE and TABLE_MARK in hit.chunk.heading_path and span.count(structure.TABLE_CELL) >= 2 \
                    and not row_named(hit.chunk, question):
                s *= OFF_ASK  # "住公办敬老院要先干啥 去哪申请": a 名录's row lists a home, it says no step of applying
            if must_hold is PHONE and complaint_unasked(span, question):
                s *= OFF_ASK  # "监督投诉电话：…" is for complaints, not for "有啥不懂的打哪个电话问"
            if benefit == FEE and _GIVEN.search(span) and not _FEE_SAID.search(span):
                s *= OFF_ASK  # "一顿要几块钱" is what the elder pays: "…每餐补贴4元" is what the county gives the canteen
            elif benefit == FEE and holds_money(hit.chunk, span) and (_FEE_SAID.search(span) or any(
                    _FEE_SAID.search(head) and "元" in head for head in cells(table_context(hit.chunk.heading_path)))):
                s *= AGE_BONUS  # "自己要掏几块钱": a sum said to be charged ("保险费标准：…每人每年30元"), or the row of a
                # table whose column is what the elder pays (个人支付)
            if structure.ASKER_SAID.search(span):
                s *= OFF_ASK  # "您在建议中提出：一是…每餐补贴5元": a 代表's proposal, retold in the answer to it
            if wants_money and price_of_other(hit.chunk, weights):
                continue  # "陪同就医一次收多少钱": the row lists 陪同就医 but prices only its 助餐 and 助洁 — no answer
            if wants_money and paid_in_total(span, question):
                s *= OFF_ASK  # "发放资金592.32万元" (a county's total) is no rate for "一个月有多少"
            if wants_money and not of_benefit and _NAMED_SUM.search(span):
                s *= OFF_ASK  # "高龄补贴…一个月能拿多少": "…给予每餐五元的就餐补贴" is another benefit's sum, its clause no word of it
            if not penalty_asked and _SANCTION.search(span):
                s *= OFF_ASK  # "对弄虚作假…追回已发放资金，3年内取消…申报资格" answers no "什么时候报"
            if wants_term and not exclusion_asked and _EXCLUSION.search(span):
                s *= OFF_ASK  # "要满足哪些条件?": who may apply, not "已入住养老机构的…不重复建设"
            if group and ORDINARY.search(span) and not any(w in span for w in group_words(group)):
                s *= OFF_ASK  # "我们家是低保户…保费是自己出还是政府出": not "普通老年人保费由个人承担"
            if row_named(hit.chunk, question):
                s *= AGE_BONUS  # "我们是三星级养老院": the row of the table the asker names ("三星级 | 80 | 130 | 200")
            if count is not None and (fits := holds_count(span, count)) is not None:
                s *= AGE_BONUS if fits else AGE_MISMATCH  # "床位打算放15张": the band 10张至19张, as an age's
            if definition or wants_term:  # "…是指什么?", "什么样的家庭能申请低保?": the term's own definition
                s *= _definition_factor(span, weights, asked=definition)
            if hit.chunk.title in named_titles:
                s *= NAMED_KIND_BONUS  # "意见里…", "县域…方案": the document the question names
            if s > 0:
                # quoted without its item number ("2.实施…" reads as "实施…"): still a verbatim part of the clause
                quoted = _ITEM_NUMBER.sub("", span, count=1).strip() or span
                cands.append(Scored(r, hit, quoted, s / (1 + RANK_DISCOUNT * r), about))  # prefer higher-ranked chunks
                sims.append(float(cos[k]) if cosines else 0.0)
    if not cands:
        return []
    if cosines:  # a sentence less close in meaning than the closest one loses weight smoothly
        top = max(sims)
        for c, sim in zip(cands, sims, strict=True):
            c.score *= math.exp((sim - top) / DENSE_TEMPERATURE)
    # how much of the question a further point must add, and its heaviest word: with the asking words' whole weight
    whole = weights.full() if isinstance(weights, TermWeights) else weights
    total = sum(whole.values()) or 1.0
    heaviest = max(whole, key=lambda t: whole[t], default="")
    first = max(cands, key=lambda c: c.score)
    own = [c for c in cands if wanted_regions and c.hit.chunk.region in wanted_regions
           and c.hit.chunk.region != "全国" and c.score >= OWN_REGION_FLOOR * first.score and not program_elsewhere]
    if own:  # the asker's own region has a fitting clause: it answers first — the most local one (张店区 before 山东省)
        # (in a comparison every place named is as near as another)
        level = {r: 0 if mix_regions else i for i, r in enumerate(wanted_regions or [])}
        nearest = min(level.get(c.hit.chunk.region, len(level)) for c in own)
        first = max((c for c in own if level.get(c.hit.chunk.region, len(level)) == nearest), key=lambda c: c.score)
    if strongest is not None and not strongest.search(first.span):
        # "要准备啥材料?": the clause that lists the papers ("提供以下材料：") answers it, not one that mentions a
        # paper in passing ("凭低保证或认定材料"), when it is close enough to the best and of the same region
        # (of the question's topic, in its own words or headings: in a 问答 on 高龄津贴 and 意外险, the list of papers for
        # a 理赔 does not answer "高龄津贴…那要带啥东西")
        listing = [c for c in cands if strongest.search(c.span) and c.score >= HOLD_FLOOR * first.score
                   and (mix_regions or c.hit.chunk.region in (first.hit.chunk.region, "全国"))
                   and of_topic(c, weights, strongest, idf)]
        if listing:
            first = max(listing, key=lambda c: c.score)
    other_ask: Scored | None = None
    if wants_number and not gives_figure(first.hit.chunk, first.span):
        # "最多能补多少钱？要去哪里申请？": the sentence of the same clause that gives the figure answers first, when it
        # is close enough to the best (which answers the other ask, and may follow it)
        # (or, at any score, one that says the question's heaviest word: "失能评估费每人次300元" before "评估结论未达到
        # 重度失能的，评估费由申请人自付" for "评估费每人次多少？…谁承担？")
        figures = [c for c in cands if c.hit is first.hit and gives_figure(c.hit.chunk, c.span)
                   and (c.score >= HOLD_FLOOR * first.score or heaviest in _covered(c.span, weights, "", idf))]
        if figures:
            other_ask, first = first, max(figures, key=lambda c: c.score)
    new_terms = {t: weights[t] for t in getattr(weights, "focus", ()) if t in scoring and t not in weights.asking}
    news = [t for t in getattr(weights, "new", ()) if t in scoring]
    if new_terms and news and not any(t in first.span for t in news):
        # "那个补贴能不能换成现金?" after the 养老服务补贴 of the last turn: the earlier topic finds the article, the new
        # question's words pick its sentence ("…不得兑换现金"), when the best says none of the new words the asker
        # wrote and one close enough to it says more of them (or of the lexicon's words for them)
        says_new = {id(c): sum(_covered(c.span, new_terms, c.hit.chunk.title, idf).values()) for c in cands}
        saying = [c for c in cands if c.score >= HOLD_FLOOR * first.score and says_new[id(c)] > says_new[id(first)]
                  and (mix_regions or c.hit.chunk.region in (first.hit.chunk.region, "全国"))
                  and (must_hold is None or of_topic(c, weights, must_hold, idf))]
        if saying:
            first = max(saying, key=lambda c: (says_new[id(c)], c.score))
    picked = [first]
    if other_ask is not None and other_ask is not first and max_points > 1:
        picked.append(other_ask)  # the sentence of the same clause that answers the other ask ("…谁承担"), next
    if wants_date and not DATE.search(first.span):  # the date asked for may sit next door, same clause
        dated = _nearest_date(first, weights)
        if dated is not None:
            picked.insert(0, dated)
    elif wants_period and not _PERIOD.search(first.span):  # so may the period: "…在线申请。" / "…7个工作日内制证发放。"
        timed = _nearest_date(first, weights, _PERIOD)
        if timed is not None:
            picked.insert(0, timed)
    covered = set().union(*(_covered(p.span, weights, p.hit.chunk.title, idf) for p in picked))
    allowed = None if mix_regions else {first.hit.chunk.region, "全国"}
    while len(picked) < max_points:
        best, gain = None, 0.0
        for c in cands:
            if any(c.span == p.span or c.hit is p.hit for p in picked):
                continue
            if allowed is not None and c.hit.chunk.region not in allowed:
                continue
            g = sum(w for t, w in _covered(c.span, weights, c.hit.chunk.title, idf).items() if t not in covered)
            g /= 1 + RANK_DISCOUNT * c.hit_rank
            if g > gain:
                best, gain = c, g
        if best is None or gain < MIN_GAIN * total:
            break
        picked.append(best)
        covered |= set(_covered(best.span, weights, best.hit.chunk.title, idf))
    # a message asking two things one after the other may have both answered by one clause's two sentences
    # ("…15个工作日内…申请复核。民政部门应当自收到复核申请之日起30个工作日内作出复核决定"): a later question is
    # answered by the sentence of the first point's clause saying most of its own words, when no point says as much
    # (the first sentence may share the second question's words by chance: "向作出评定的民政部门…"); another clause's
    # sentence sharing words is too often about something else; not when the first point introduces a list, nor by
    # an item of one (the items are quoted with the list)
    for part in questions_in(question)[1:] if max_points > 1 and not picked[0].span.rstrip().endswith(("：", ":")) \
            else ():
        own = {t: w for t, w in weights.items() if t in part}

        def says(c: Scored, own: dict[str, float] = own) -> float:
            return sum(w for t, w in own.items() if t in c.span)
        best = max((c for c in cands if c.hit is picked[0].hit), key=lambda c: (says(c), c.score), default=None)
        # (two of its words at least, as written: one word alone, "啥条件", "中央出多少", is in too many sentences)
        if own and best is not None and says(best) >= sum(own.values()) / 2 \
                and sum(t in best.span for t in own) >= 2 \
                and says(best) > max(says(p) for p in picked) \
                and not any(best.span in p.span or p.span in best.span for p in picked) \
                and not _ITEM_START.match(best.span):
            picked = [picked[0], best, *picked[1:]][:max_points]
    if must_hold is not None and not any(must_hold.search(p.span) for p in picked):
        # "能申请什么帮助?找谁?": the clause naming the office answers the second part, though its words are
        # already covered by the first point
        # (papers of the first point's own document, at any score: "持本人居民身份证…提出申请" in the notice on the
        # 高龄津贴 asked of, though it does not repeat the program's name; a phone of that document may be another
        # office's, the complaint line: it must be close enough)
        holding = [c for c in cands if must_hold.search(c.span)
                   and (c.score >= HOLD_FLOOR * first.score
                        or (c.hit.chunk.doc_id == first.hit.chunk.doc_id
                            and (must_hold is _MATERIALS or (must_hold is PHONE and for_questions(c)
                                                             and of_office(c.span, question))
                                 or answers_kind_asked(c.hit.chunk, asked_kind))))
                   and (allowed is None or c.hit.chunk.region in allowed)
                   and not any(c.span == p.span for p in picked)]
        if holding:  # papers of the first point's own clause first: they are those of what it speaks of (an office
            # it names may only be charged with a duty: "县级以上人民政府应当建立…评估制度" is not who assesses); a
            # phone for questions before a complaint line ("监督投诉电话") unless complaining is asked
            picked.append(max(holding, key=lambda c: (
                must_hold is _MATERIALS and c.hit is first.hit,
                must_hold is not PHONE or not complaint_unasked(c.span, question),
                of_topic(c, weights, must_hold, idf),  # the papers of 高龄津贴, not of a 理赔 in the same 问答
                c.score)))
    if wants_money and (not any(holds_money(p.hit.chunk, p.span) for p in picked)
                        or paid_in_total(picked[0].span, question)):
        # "养老服务补贴一个月给多少?" first matched by who may apply: the clause with the sum answers first — one
        # that names the benefit asked, or else one close enough to the best that says much of what is asked (a
        # fine of 10万元 is no allowance)
        named = benefit and benefit != FEE
        # (the asker's place unknown, a national clause that only asks for the benefit ("国家鼓励地方建立…高龄津贴制度")
        # gives way to the sum of a place that sets it)
        anywhere = named and not wanted_regions and first.hit.chunk.region == "全国"
        paying = [c for c in cands if holds_money(c.hit.chunk, c.span) and not _PENALTY.search(c.span)
                  and (allowed is None or anywhere or c.hit.chunk.region in allowed) and benefit != FEE
                  and (_names_benefit(benefit, c.span + c.about + c.hit.chunk.heading_path + c.hit.chunk.title)
                       if named else
                       (c.score >= HOLD_FLOOR * first.score
                        and (heaviest in (own := _covered(c.span, weights, c.hit.chunk.title, idf))
                             or sum(own.values()) >= MIN_GAIN * total
                             or (age is not None and holds_age(c.span, age))  # the sum for the elder's age band
                             # …or a sum of the first point's own document ("每户补贴最高5000元" of the report whose
                             # resident's words "想申请改成坐便并装上扶手" matched the story best)
                             or c.hit.chunk.doc_id == first.hit.chunk.doc_id))
                       # …or, at any score, the sum of the first point's own document for the elder's age band ("年满80周岁
                       # 不满90周岁的老年人 | 3" of the 助餐 办法 whose definition of a 老年食堂 was found first)
                       or (age is not None and bool(holds_age(c.span, age)) and c.hit.chunk.doc_id == first.hit.chunk.doc_id))]
        # (the sum of the clause found first, at any score: "…可以申请政府购买居家养老服务：…" then "标准为每人每月不低于
        # 二百元" of the same article, not another article's 助餐补贴)
        own_sum = [c for c in cands if c.hit is first.hit and holds_money(c.hit.chunk, c.span)
                   and not _PENALTY.search(c.span) and benefit != FEE
                   and (not named or _names_benefit(benefit, c.span + c.hit.chunk.heading_path + c.hit.chunk.title))]
        if own_sum or paying:  # (a rate, "每人每月200元", before a total a report says was paid out)
            best = max(own_sum or paying, key=lambda c: (not paid_in_total(c.span, question),
                                                          band_fit(c.span, age), c.score))
            picked = [best, *(p for p in picked if p is not best)]
            picked = picked[:max_points]
    elif wants_number and not any((_PERIOD.search(p.span) if wants_period else has_number(p.span))
                                  or (wants_date and _FIGURE_OR_PERIOD.search(p.span)) for p in picked):
        # "中央出多少?" first matched by the sentence naming the subsidy: the one with the figure answers first, if
        # close enough to the best and saying much of what is asked (or its heaviest word); "什么时候到账" first
        # matched by "次月起发放": the one with the day or the period ("按季度…每季度首月20日前")
        # (a period or a count asked, "一个月来几回 每回待多久": the best clause found that holds one answers, though
        # the words of the earlier turn are those it shares)
        figures = [c for c in cands if ((gives_figure(c.hit.chunk, c.span) if wants_period or wants_count
                                         else has_number(c.span))
                                        or (wants_date and _FIGURE_OR_PERIOD.search(c.span)))
                   and c.score >= HOLD_FLOOR * first.score
                   and (allowed is None or c.hit.chunk.region in allowed)
                   and (heaviest in (own := _covered(c.span, weights, c.hit.chunk.title, idf))
                        or sum(own.values()) >= MIN_GAIN * total
                        or (c.hit_rank == 0 and (wants_period or wants_count) and gives_figure(c.hit.chunk, c.span)))]
        if figures:
            picked.insert(0, max(figures, key=lambda c: c.score))
            picked = picked[:max_points]
    if subject and wants_number and subject not in picked[0].span and not row_named(picked[0].hit.chunk, question):
        # (the row the asker names gives its figure in its table's unit: "三星级 | 80 | 130 | 200" for "每床每月多少")
        # "中央出多少?", "一顿能补几块钱?": the figure of what was asked (中央95%, 每餐补贴3元) answers first, when a
        # sentence holding both is close enough to the best and of the same region
        of_it = [c for c in cands if subject in c.span and c.score >= HOLD_FLOOR * first.score
                 and (holds_money(c.hit.chunk, c.span) if wants_money else has_number(c.span))
                 and (allowed is None or c.hit.chunk.region in allowed)]
        if of_it:
            best = max(of_it, key=lambda c: c.score)
            picked = [best, *(p for p in picked if p is not best)][:max_points]
    return picked


def whole_item(point: Scored) -> str:
    """The whole text of the point's clause when it is a short numbered item ("5.", "（三）") of two or three sentences
    ("5. 评估结论有效期为2年。有效期满仍需…申请重新评估。"), without its number; "" otherwise (an article, whose 款 are
    cited one by one; a longer clause; one sentence; a table row)."""
    chunk = point.hit.chunk
    text = _ITEM_NUMBER.sub("", chunk.text, count=1).strip()
    if "\n" in text or TABLE_MARK in chunk.heading_path or len(text) > WHOLE_ITEM or not _ITEM_START.match(chunk.text):
        return ""
    sents = chunk_sentences(text)
    return text if 2 <= len(sents) <= 3 and point.span in text and point.span != text else ""


def span_article(chunk: Chunk, span: str) -> str:
    """The article label of a span: the chunk's (第十四条), narrowed to the 款 the span stands in when the
    chunk is a whole 条 of several 款 (第十四条第二款)."""
    m = structure.WHOLE_ARTICLE.match(chunk.article)
    # the longest opening of the span the text holds: two 款 may open alike ("参加基本养老保险的个人，达到…满十五年的"
    # / "…不足十五年的")
    at = next((i for n in (len(span.strip()), 40, 24, 12) if span.strip() and (i := chunk.text.find(span.strip()[:n])) >= 0),
              -1)
    if not m or at < 0:
        return chunk.article
    paragraph, total = structure.span_paragraph(chunk.text, at)
    return chunk.article + (f"第{structure.cn_ordinal(paragraph)}款" if total > 1 else "")


def _part_label(chunk: Chunk) -> str:
    """Where a clause without an article label stands: its top heading, or for a row of a table the number its first
    cell gives it ("第5项"; a table's header row is no label), after the table's caption when it has one
    ("某县养老服务机构名单第10项")."""
    parts = chunk.heading_path.split(" > ")
    if parts[0] == chunk.title and len(parts) > 1:
        parts = parts[1:]  # a table captioned with the document's own title stands under no heading of its own
    top = parts[0]
    first = chunk.text.split(structure.TABLE_CELL, 1)[0].strip()
    number = f"第{first}项" if first.isdigit() and parts[-1].startswith(TABLE_MARK) else ""
    if not top.startswith(TABLE_MARK):
        return top + number if len(parts) == 2 else top
    return number


def cite(n: int, chunk: Chunk, span: str, today: dt.date | None = None) -> Citation:
    """A citation of a verbatim span within a chunk."""
    date = chunk.publish_date or chunk.effective_date
    return Citation(
        n=n,
        doc=chunk.source,
        title=chunk.title,
        region=chunk.region or T.CITATION_REGION["template" if chunk.level == "template" else "unknown"],
        article=span_article(chunk, span) or _part_label(chunk),
        date=date,
        validity=validity(chunk, today),
        text=span.strip(),
        context=chunk.text,
        kind=chunk.kind,
        doc_number=chunk.doc_number,
        issuer=chunk.issuer,
    )


# kinds of document that are not themselves rules: named in the answer, so a family can tell them apart
NOT_BINDING = ("政策解读", "新闻报道")
LAWS = ("法律", "行政法规", "地方性法规", "规章")  # kinds that state rights and duties a court applies


def _source_name(c: Chunk) -> str:
    region = T.TEMPLATE_SOURCE if c.level == "template" else "" if c.region in ("", "全国") else c.region
    notes = [x for x in (region, c.kind if c.kind in NOT_BINDING else "") if x]
    return f"《{c.title}》" + (f"({','.join(notes)})" if notes else "")


_ARTICLE_OF = re.compile(r"^第[^条]+条")


def list_items(chunk: Chunk, span: str, chunks: list[Chunk], limit: int = 12) -> tuple[str, list[str]]:
    """When `span` introduces a list ("主要包括以下内容:"), the introduction alone and the listed items,
    each verbatim, from the clause and the pieces of the same 条 that follow it; else (span, [])."""
    m = structure.LIST_INTRO.search(span)
    if not m:
        return span, []
    intro = span[: m.end()]
    pieces = [chunk] + [c for c in chunks if c.doc_id == chunk.doc_id and c.start > chunk.start and _same_article(c, chunk)]
    items: list[str] = []
    started = False
    for piece in sorted(pieces, key=lambda c: c.start):
        for line in piece.text.split("\n"):
            if not started:
                started = intro.replace(" ", "")[-8:] in line.replace(" ", "")
                continue
            item = structure.match(line, "outline")
            if item is None or item.marker.level < 2:
                if items:
                    return intro, items
                continue
            if line not in items:
                items.append(line.strip())
            if len(items) >= limit:
                return intro, items
    return (intro, items) if items else (span, [])


def list_passage(chunk: Chunk, intro: str, items: list[str], chunks: list[Chunk]) -> tuple[str, str]:
    """(text, context) of a citation that quotes a list: the introduction through its last item, verbatim,
    within the text of the 条's pieces it spans (so the family's quoted items are what the citation holds)."""
    pieces = sorted((c for c in chunks if c.doc_id == chunk.doc_id and c.article and chunk.article
                     and c.start >= chunk.start and _same_article(c, chunk)), key=lambda c: c.start) or [chunk]
    context = "\n".join(c.text for c in pieces)
    start = context.find(intro)
    end = context.find(items[-1], max(start, 0)) if items else -1
    if start < 0 or end < 0:
        return intro, chunk.text
    return context[start : end + len(items[-1])], context


def _same_article(a: Chunk, b: Chunk) -> bool:
    """`a` is a piece of the 条 (or the outline section, 第五部分 → 第五部分第1项) that `b` belongs to."""
    ma, mb = _ARTICLE_OF.match(a.article), _ARTICLE_OF.match(b.article)
    if ma or mb:
        return bool(ma and mb and ma.group(0) == mb.group(0))
    return bool(a.article and b.article and (a.article.startswith(b.article) or b.article.startswith(a.article)))


# the benefit an amount question names ("高龄津贴一个月多少?", "慰问金给多少?"): a word ending like one
# a sum said with the benefit it is of ("给予每餐五元的就餐补贴", "每人每月发放100元高龄津贴")
_NAMED_SUM = re.compile(r"[\u4e00-\u9fa5]{2}(?:津贴|补贴|补助|慰问金|奖励|奖补)")
_BENEFIT_WORD = re.compile(r"(?:津贴|补贴|补助|慰问金|救助金|保险金|奖励|奖补|护理费)$")


# "养老院一个月收多少钱?": the sum asked is a charge the family pays, which a subsidy's amount does not answer (验收,
# 收入, 收住 are no charge: "验收合格能给多少")
_ASKS_FEE = re.compile(r"(?<![验接征回吸签没])收(?![入益养住到回])[^,，。;；?？]{0,8}(?:多少|几)|收费|价格|要交|交多少|花多少|原价|单价|餐费|饭钱"
                       r"|一[顿餐][^,，。;；?？]{0,6}(?:多少|几块)"
                       r"|(?:自己|个人|自个儿?)(?:[^,，。;；?？]{0,5}(?:要|得|需要))?(?:掏|出|付|交|花)[^,，。;；?？]{0,6}(?:多少|几)"  # what the
                       # family pays itself ("俺们自己一个月得掏多少钱")
                       r"|缴(?:费|纳)[^,，。;；?？]{0,10}(?:多少|几)")  # "个人缴费标准是每人每年多少元": a contribution
_ASKS_AID = re.compile(r"补|报销|资助|津贴|减免")  # "改造费用政府补多少?": what is given, not what is charged
FEE = "收费"  # the "benefit" a fee question asks about
# a charge named by what it pays for, after paying ("需要交评估费吗？多少钱"): that charge is asked, not the 补贴 named
# before it ("基本生活费多少钱" names an allowance; "材料费另外算不" pays nothing); a word for charging itself (收费,
# 缴费, 自费, 经费) names none
_FEE_HEAD = re.compile(r"费$")
_NO_FEE_NAME = re.compile(r"(?:收|免|缴|交|付|自|经|消|花|退|减|话|电|水)费$")
_PAYING = "(?:交|缴|付|收|掏|花)[了过]?"
_GIVEN = re.compile(r"补贴|补助|资助|奖励|奖补|津贴|赔付|给付")  # a sum given (an insurance's payout too), not charged
# what a fund pays out ("长护基金按每人每日60元支付"), no charge of the elder's
_PAID_OUT = re.compile(r"(?:基金|保险|医保)[^，,。；;]{0,8}支付")
_FEE_SAID = re.compile(r"收费|价格|自付|缴纳|收取|付费|餐费|个人支付|本人支付|自费|保费|保险费|缴费")  # …unless the sentence says what is charged too
# an allowance asked of without its name ("有没有什么津贴…每个月能领多少"): the sum quoted must be of one (津贴, or
# the lexicon's words for it), not a contribution rate of an insurance
BARE_BENEFITS = ("津贴",)
ELDER_NOUNS = ("老人", "老年人", "老年", "老人家")  # a sum "for the elderly" (老人补贴) is no program of its own
_FEE_WORDS = ("收费", "价格", "服务费", "床位费", "伙食费", "收取", "原价", "餐费", "定价", "缴纳", "缴费", "个人负担", "自付",
              "个人支付", "自费", "保费", "保险费")  # an insurance premium the elder pays (意外险一年要交多少钱)


FIELD_MAX = 8  # a guide's field is named in this many characters at most ("办理地点", "法定办结时限")
_EMPTY_CELL = "—-－/／ "  # a cell of nothing but a dash or a slash says nothing ("备注 —")


def table_row_reading(heading_path: str, row: str) -> str:
    """A table row read with its header ("80周岁以上:轻度失能 每人每月150元;中度失能 …"), for display; the row
    as it stands when it is no table row or its cells do not line up with the header's."""
    heads = header_cells(heading_path)
    if not heads:
        # a row of a guide's table of fields, "发放方式 | 按季度…发放": the field, then what it says
        field = cells(row) if structure.TABLE_CELL in row else []
        return TABLE_ROW.format(first=field[0], cells=field[1]) if len(field) == 2 and len(field[0]) <= FIELD_MAX \
            and field[1].strip(_EMPTY_CELL) else row
    values = cells(row)
    if len(heads) != len(values) or len(values) < 2:
        return row
    return TABLE_ROW.format(first=values[0], cells=TABLE_CELL_SEP.join(
        TABLE_CELL.format(head=h, cell=c) for h, c in zip(heads[1:], values[1:], strict=True) if c.strip(_EMPTY_CELL)))


def asked_benefit(query: Query) -> str:
    """The named benefit whose amount is asked (the one named last, `programs.named_with_head`), FEE for a
    charge the family pays, or ""."""
    asked = query.focus or query.text
    # of several, the one named last, next to the asking ("领高龄津贴的老人去世了 有没有丧葬补助 多少钱": 丧葬补助), as
    # the asker wrote it (not the lexicon's words put next to each other); in the latest message, else before it
    words = benefits_asked(query) or (named_with_head(set_aside(query.text), _BENEFIT_WORD, min_word=3)
                                      if query.latest else [])
    said = set_aside(query.latest or query.text)
    fees = [w for w in named_with_head(said, _FEE_HEAD, min_word=3) if not _BENEFIT_WORD.search(w)
            and not _NO_FEE_NAME.search(w) and re.search(_PAYING + re.escape(w), said)]
    if fees and (not words or said.rfind(fees[-1]) > said.rfind(words[-1])):
        return fees[-1]  # the charge named after any benefit, next to the asking
    return (words[-1] if words else "") or (FEE if _ASKS_FEE.search(asked) and not _ASKS_AID.search(asked) else "")


def is_charge(benefit: str) -> bool:
    """Whether the sum asked (`asked_benefit`) is a charge the family pays: FEE, or a charge it names ("评估费")."""
    return benefit == FEE or (benefit.endswith("费") and not _BENEFIT_WORD.search(benefit))


def benefits_asked(query: Query) -> list[str]:
    """Every benefit named in the latest message (else the question), in order ("建设补贴是多少？每年运营补贴最高多少？"
    names two), not what the asker sets aside, nor one the elder is said to get already ("一直领着承德的高龄津贴 上个
    月走了 …丧葬补助…能给多少" asks the 丧葬补助)."""
    said = set_aside(query.latest or query.text)
    held = _HELD.findall(said)
    return [b for b in named_with_head(said, _BENEFIT_WORD, min_word=3) if not any(b in h for h in held)]


# a benefit the elder gets already, told as the story ("一直领着承德的高龄津贴", "享受着低保")
_HELD = re.compile(r"(?:领着|领了|在领|拿着|享受着|一直领)[^，,。？?！!\s]{0,8}")


_NOT_THE_SUBJECT = frozenset({"标准", "每人", "每月", "本市", "本省", "当地", "多少", "多少钱", "补贴", "救助"})


def refers_to_asked(span: str, query: Query, lex: Lexicon) -> bool:
    """Whether the rule for an amount in `span` is the very standard the question asks the figure of: "低保标准
    是多少?" is not answered by "每人每月一般不超过本市最低生活保障标准" (it uses that standard, it does not
    state it)."""
    asked = query.focus or query.text
    standards = [m.group(0) for m in _STANDARD.finditer(span) if "标准" in m.group(0)]
    terms = {w for t in tokenize(asked) if len(t) >= 2 and t not in _NOT_THE_SUBJECT
             for w in (t.removesuffix("标准"), *lex.synonyms.get(t.removesuffix("标准"), ())) if len(w) >= 2}
    return any(m.endswith(w + "标准") for m in standards for w in terms - _NOT_THE_SUBJECT)


# where a program is given, said before its name ("社区助餐", "居家上门服务", "农村互助养老"): not what it is
_SETTING = re.compile(r"^(?:社区|居家|农村|城乡|城市|城区|乡镇|村|家庭)")


def sum_of_another(benefit: str, point: Scored, lex: Lexicon) -> str:
    """The program a quoted sum is of, when its sentence names one and not `benefit`, and no sentence of its clause
    names `benefit` with a sum ("…完善社会化养老机构床位运营补贴制度" beside "按每张床位1万元给予建设补助": the clause
    speaks of the 运营补贴 asked, the sum is the 建设补助's); else ""."""
    chunk = point.hit.chunk
    words = (benefit, *lex.synonyms.get(benefit, ()))
    if not MONEY.search(point.span) or any(_names_benefit(w, point.span + chunk.heading_path + chunk.title) for w in words) \
            or headed_by(benefit, chunk) or not speaks_of(benefit, chunk, lex):  # ("老人补贴", "有没有补助": no program the clause names)
        return ""
    if any(MONEY.search(sent) and any(_names_benefit(w, sent) for w in words) for sent in chunk_sentences(chunk.text)):
        return ""
    others = [w for w in named_with_head(point.span, _BENEFIT_WORD, min_word=3)
              if w not in GENERIC_TERMS and not any(_names_benefit(b, w) for b in words)]
    return others[-1] if others else ""


def headed_by(benefit: str, chunk: Chunk) -> bool:
    """Whether a heading above the clause names what `benefit` is of and the clause the kind of sum ("（二）上门照护服务 >
    2.服务补贴标准：…800元" gives the 上门服务补贴)."""
    heads = [h for h in chunk.heading_path.split(" > ")[:-1] if h.strip()]
    return len(benefit) >= 4 and any(benefit[:2] in h for h in heads) and benefit[-2:] in chunk.text


def speaks_of(benefit: str, chunk: Chunk, lex: Lexicon) -> bool:
    """Whether a clause, with its headings and title, names `benefit` (or a word the lexicon equates with
    it; any word of a charge for FEE): an amount quoted for another benefit does not answer "how much is
    <benefit>?"."""
    where = re.sub(r"\s+", "", chunk.text + chunk.heading_path + chunk.title)
    if benefit != FEE and is_charge(benefit):  # a charge named ("配送费"): that charge, not what it is for (配送)
        return benefit in where or benefit[:-1] + "费用" in where
    words = _FEE_WORDS if benefit == FEE else (benefit, *lex.synonyms.get(benefit, ()))
    if benefit != FEE and headed_by(benefit, chunk):
        return True
    # as documents write it: "高龄老人津贴" for 高龄津贴, "助餐服务补贴" for 助餐补贴, "照料护理标准" for 照料护理费; a
    # program named with where it is given by what it is ("社区助餐" of 去社区助餐点吃饭: 助餐)
    core = _SETTING.sub("", benefit) if benefit != FEE else benefit
    return any(w in where for w in words) or (benefit != FEE and bool(program_written(benefit).search(where))) \
        or (benefit.endswith("费") and len(benefit) >= 4 and benefit[:-1] in where) \
        or (core != benefit and len(core) >= 2 and bool(program_written(core).search(where)))


# a question about a document itself names one ("这个办法", "文件", "政策"), not something a clause sets
_A_DOCUMENT = re.compile("|".join(k for k in DOC_KINDS_NAMED if k != "法") + "|法律|法规|文件|政策")
# an amount a clause leaves to a later text or another body: "具体标准另行公布", "标准由市民政局确定"
_SET_LATER = re.compile(r"另行(?:公布|制定|确定|规定|发布)|由[^。；;，,]{1,20}(?:确定|制定|公布)")


def set_later_for(span: str, age: int | None) -> bool:
    """Whether `span` leaves the amount for an elder of `age` to a later text, the sums it writes being for
    other ages ("八十周岁以上…具体标准另行公布；其中一百周岁以上…每人每月500元" for an 85-year-old)."""
    if age is None or not _SET_LATER.search(span):
        return False
    pieces = [x for x in re.split(r"[；;。]", span) if x.strip()]
    later = [x for x in pieces if _SET_LATER.search(x)]
    sums = [x for x in pieces if MONEY.search(x)]
    return any(holds_age(x, age) is not False for x in later) and all(holds_age(x, age) is False for x in sums)


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


# a sentence that says which year its figures are of: "2025年，砚山县特困人员基本生活标准为每人每月1040元"
# (or opens with the year and the whole place or plan it counts: "2024年全市计划完成1200户适老化改造")
_FIGURE_YEAR = re.compile(r"(?:^|[：:。？?])\s*((?:19|20)\d{2})\s*年度?\s*(?:[，,]|(?=全[市省县区州盟旗]|计划|共计?|累计|本[市省县区]))")
# a year a clause's figures are for: a target ("到2022年"), a year's program ("2024年度"); not the year a rule starts
_STATED_YEAR = re.compile(r"(?:到|至)\s*((?:19|20)\d{2})\s*年|((?:19|20)\d{2})\s*年度")


def _years(chunk: Chunk, dated: bool) -> set[int]:
    """The years a document is of: those of its title (a yearly notice, "2021—2025年" a span), or with `dated`
    and none there, those of its dates and 文号."""
    titled = [int(y) for y in _YEAR.findall(chunk.title)]
    if titled:
        return set(range(min(titled), max(titled) + 1))
    if not dated:
        return set()
    return {int(y) for d in (chunk.publish_date, chunk.effective_date, chunk.doc_number) for y in _YEAR.findall(d)}


def states_amount(chunk: Chunk, amount: str) -> bool:
    """Whether a clause states the sum a family quoted: "2块" is the documents' 2元 (not the 12元 it is part of), or a
    cell "2" of a table row whose header gives the unit ("补贴标准（元/餐）")."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(元|块|万元)", amount)
    if m is None:
        return amount in chunk.text
    figure, unit = m.group(1), "元" if m.group(2) == "块" else m.group(2)
    if re.search(rf"(?<![\d.]){re.escape(figure)}\s*{unit}", chunk.text):
        return True
    return unit in table_context(chunk.heading_path) and figure in cells(chunk.text)


def foreign_first(region: str, wanted_regions: list[str], compared: bool = False) -> bool:
    """Whether a clause of `region` would answer for another place: the asker's place is known (`wanted_regions`,
    with the regions above it) and `region` is neither one of them nor national. A comparison of places
    (`compared`) has every place named among them."""
    return not compared and any(r != "全国" for r in wanted_regions) and region not in (*wanted_regions, "全国", "")


def band_parts(span: str) -> list[str]:
    """The parts of a sentence of several bands or groups, split after its semicolons ("…每人每月150元；" …)."""
    return [x for x in re.split(r"(?<=[；;])", span) if x.strip()]


def band_of(span: str, age: int, group: str = "") -> str:
    """The part of a sentence of several age bands, split at its semicolons, whose band holds the elder's age and
    states a figure ("80周岁以上老年人每餐8元；" of "60—79周岁老年人每餐12元；80周岁以上老年人每餐8元；…"), when exactly
    one does; "" otherwise. A part naming only groups other than the elder's `group` does not hold."""
    parts = band_parts(span)
    holding = [x for x in parts if holds_age(x, age) and has_number(AGE_STATED.sub("", x))
               and (not group or not (named := groups_in(x)) or group in named)]
    return holding[0].strip().rstrip("；;") if len(parts) >= 2 and len(holding) == 1 and \
        sum(bool(age_bands(x)) for x in parts) >= 2 else ""


_ALTERNATIVES = re.compile(r"[，,、；;]|以及|或者")
# a group of elders a piece names: 老年人 or 人员 ending it ("80周岁以上高龄老年人", "…的老年人优先签约"), not the word
# inside another ("老年人能力评估")
_GROUP_END = re.compile(r"(?:老年人|人员)(?:$|[。.]|优先|可以|可|等)")


def age_one_of(span: str) -> bool:
    """Whether the age a sentence names marks only one of the groups it lists ("失能、半失能老年人，80周岁以上高龄老年人，
    以及患有高血压…的老年人优先签约"): an elder of another group is not left out by it."""
    groups = [x for x in _ALTERNATIVES.split(span) if _GROUP_END.search(x)]
    return len(groups) >= 2 and sum(bool(age_bands(x)) for x in groups) == 1




def other_year(query: Query, hits: list[Hit], chunk: Chunk, span: str = "") -> str:
    """The year of `chunk`'s document ("2025年"), or of the figure `span` gives ("2025年，…标准为每人每月1040元"),
    when the question asks for another year's program ("2024年的适老化改造") or an older version ("2019年那个老的
    办法") and no document found is of that year, or its validity, when the year asked is after it ("2027年以后" of a
    text valid to 2026); else ""."""
    y = query.asked_year
    if y is None:
        return ""
    if chunk.expiry_date[:4].isdigit() and y > int(chunk.expiry_date[:4]):  # "2027年以后" of a text valid to 2026
        return T.VALID_UNTIL.format(date=chunk.expiry_date)
    if y in {int(x) for x in _YEAR.findall(span)}:  # "2024年全年发放…" of a report published in 2025
        return ""
    # a report, or a change asked about, is of the year it is dated ("今年一季度…" of a 2025 report, for 2024)
    years = _years(chunk, query.asks_old or query.asks_changed or chunk.kind == "新闻报道")
    if not years and (m := _FIGURE_YEAR.search(span)) and has_number(span[m.end():]):
        years = {int(m.group(1))}
    if not years and (query.asks_amount or query.wants == "number"):
        # the figure asked is of a target or a year the clause states ("到2022年，…不低于55%" for 2024), not of the
        # year a rule starts (a claim checked, "到2030年…对吗?", is answered by the clause that corrects it)
        years = {int(a or b) for a, b in _STATED_YEAR.findall(span)}
    # (another document of the same place found is of the year asked: it may answer; a national plan of those years
    # says nothing of this place's standard)
    if not years or y in years or any(y in _years(h.chunk, True) for h in hits if h.chunk.region == chunk.region):
        return ""
    # (a report of December 2024 on the standards raised "自2025年1月1日起" speaks of 2025)
    if any(y == int(m) for h in hits if h.chunk.doc_id == chunk.doc_id for m in _STARTS_IN.findall(h.chunk.text)):
        return ""
    return f"{min(years)}年" if min(years) == max(years) else f"{min(years)}—{max(years)}年"


def years_around(year: int, span: str) -> str:
    """The years a clause sets targets for ("到2025年…到2030年…到2035年" → "2025年、2030年、2035年") when `year` falls
    between them and is none of them; else ""."""
    stated = sorted({int(a or b) for a, b in _STATED_YEAR.findall(span)})
    if len(stated) < 2 or year in stated or not stated[0] < year < stated[-1]:
        return ""
    return "、".join(f"{y}年" for y in stated)


def covered_regions(retriever: Retriever) -> str:
    """What the documents cover, for refusals: 国家, 新疆维吾尔自治区, 广东省清远市, …"""
    names = [r for r in retriever.regions if r != "全国"]
    return T.COVERED.format(more=T.COVERED_MORE.format(regions="、".join(names)) if names else "")


def refusal(kind: str, retriever: Retriever, query: str, hits: list[Hit], related: str = "", **values: str) -> Answer:
    """An honest refusal of this kind (a key of `templates.REFUSALS`, filled with `values`): why, what the
    documents do cover, the closest clause if one is worth naming (`related`), and whom to ask."""
    draft = AnswerDraft(kind="refusal", refusal=kind, conclusion=T.REFUSALS[kind].format(**values),
                        covered=covered_regions(retriever), related=related, advice=T.REFUSAL_ADVICE)
    return to_answer(draft, retrieved=hits, query=query)


def without_amounts(picked: list[Scored]) -> Scored | None:
    """The closest point that holds no figure a reader would take for the amount said to be missing: "覆盖率达到90%"
    next to "没有写明具体金额" reads as a contradiction."""
    return next((p for p in picked if not _AMOUNT_LIKE.search(p.span)), None)


def related_clause(p: Scored) -> str:
    """The closest clause, named next to a refusal that says what it does not state."""
    return T.RELATED_CLAUSE.format(span=p.span, source=f"{_source_name(p.hit.chunk)}{p.hit.chunk.article}")


_META_SPANS = {
    "doc_number": DOC_NUMBER_QUOTED,  # the issuer code alone; DOC_NUMBER where none is found so
    "effective": re.compile(r"[^。\n]*起(?:正式)?(?:施行|实施|执行)[^。\n]*。?"),  # the sentence, with its 。
    # the document's own validity ("本办法…有效期至…") before another 有效期 it sets ("评估结果有效期为两年")
    "own_validity": re.compile(r"[^。\n,]*本(?:办法|条例|细则|方案|意见|通知|规定|措施|决定|政策|清单|目录|指南|标准)[^。\n]*"
                              r"有效期[^。\n]*"),
    "validity": re.compile(r"[^。\n,]*有效期[^。\n]*"),
    # "《…》(厦民〔2020〕52号)同时废止": the earlier documents this one repeals
    "repeals": re.compile(r"[^。\n;；]*(?:同时|予以|一并)废止[^。\n]*"),
}


# what a question about a document asks for, by the label of the fact that answers it
_META_ASKED = {
    "施行": re.compile(r"施行|生效|实施|开始执行|开始实行"),
    "最近一次修正": re.compile(r"修正|修订|修改|改过|哪一版|版本|最新|新版"),
    "批准": re.compile(r"批准"),  # a city's regulation approved by its province ("哪天经省人大常委会批准的")
    "通过": re.compile(r"通过|批准|公布|发布|印发|制定|哪个机关|哪个部门"),
    "文号": re.compile(r"文号|字号|几号文|发文号"),
    "有效期": re.compile(r"有效期|失效|过期|到期|还有效|管到|有效到|执行到|用到"),
    # ("哪天印发的" asks; "…41号印发的实施方案" names a document)
    "日期": re.compile(ISSUED_ASKED + r"|(?:哪天|哪一天|什么时候|啥时候|何时|几号)[^，。？?]{0,3}(?:印发|发布)|印发(?!的)|发布(?!的)"
                     r"|落款"),
    "废止": re.compile(REPEAL_ASKED),
}


_A_KIND_NAME = re.compile(r"实施(?:方案|意见|细则|办法)")  # the 实施 of 实施方案 asks nothing about 施行


def facts_asked(text: str) -> Callable[[str], bool] | None:
    """For a question about a document's own facts, whether a clause states them: when it takes effect or how long
    it holds (states_in_force), its 文号 (the head that carries it); None when the question asks neither."""
    in_force = asks_in_force(text)
    number = bool(_META_ASKED["文号"].search(text))
    if not in_force and not number:
        return None
    return lambda clause: (in_force and states_in_force(clause)) or (number and bool(DOC_NUMBER.search(clause)))


def asks_in_force(text: str) -> bool:
    """Whether a question about a document ("这个办法", "…条例") asks when it takes effect or how long it holds
    ("啥时候开始实行的", "管几年"); not the 实施 of its kind's name (实施方案), nor the validity of something a
    clause sets ("评估结果有效期多久")."""
    t = _A_KIND_NAME.sub("", text)
    return bool(_A_DOCUMENT.search(text)) and bool(_META_ASKED["施行"].search(t) or _META_ASKED["有效期"].search(t))


# "于2022年7月1日生效执行，有效期至2026年12月31日止": a day of taking effect, a validity up to a date
_IN_FORCE_DAY = re.compile(r"日\s*起?\s*(?:正式)?生效|有效期至\s*\d{4}\s*年")


def states_in_force(text: str) -> bool:
    """Whether a clause says when its document takes effect ("本办法自…起施行", "于…生效执行") or how long it
    holds ("本方案有效期五年", "有效期至2026年12月31日")."""
    return bool(_META_SPANS["effective"].search(text) or _META_SPANS["own_validity"].search(text)
                or _IN_FORCE_DAY.search(text))


def referred_text(retriever: Retriever, chunk: Chunk, sentence: str) -> str:
    """The text of the articles of `chunk`'s document that `sentence` names ("本条例第十四条、第十五条"), if any: what
    they speak of, not the rows of their tables ("在第五条规定标准基础上每床每月增加50元" is no sum for 三星级)."""
    numbers = structure.articles_referred(sentence)
    if not numbers:
        return ""
    labels = [structure.article_label(n) for n in numbers]
    return "".join(c.text for c in retriever.doc_chunks(chunk.doc_id)
                   if c is not chunk and TABLE_MARK not in c.heading_path
                   and any(c.article == lab or c.article.startswith(lab + "第") for lab in labels))


def table_intro(retriever: Retriever, chunk: Chunk) -> str:
    """For a table row, the sentence of its own clause that introduces the table ("助餐点午餐基准餐标为每餐10元，按照下表
    给予补贴…"): what its rows are ("80周岁以上老年人 | 4 | 6" is a 午餐's 补贴 and 个人支付); "" otherwise."""
    if TABLE_MARK not in chunk.heading_path or not chunk.article:
        return ""
    for c in retriever.doc_chunks(chunk.doc_id):
        if c.article == chunk.article and TABLE_MARK not in c.heading_path:
            intro = next((s for s in chunk_sentences(c.text) if INTRODUCES_TABLE.search(s)), "")
            if intro:
                return intro
    return ""


def compose_meta(query: Query, hits: list[Hit], retriever: Retriever, named: frozenset[str] = frozenset(),
                 named_only: bool = False) -> Answer | None:
    """Questions about a document itself (its number, date, when it takes effect, whether it is still
    valid): answer from the document's metadata, citing the spans where the document states them.
    `named_only`: only for a document the question names (by title, `named`, or place), else None."""
    if not hits:
        return None
    doc = None
    for h in hits[:5]:  # a document named in the question wins
        if h.chunk.title and (h.chunk.title in named or h.chunk.title[:8] in query.text
                              or h.chunk.region in query.regions):
            doc = h.chunk
            break
    if doc is None and named_only:
        return None
    doc = doc or hits[0].chunk
    chunks = retriever.doc_chunks(doc.doc_id)
    found: list[tuple[str, Chunk, str]] = []

    def find(label: str, pattern: re.Pattern[str], own_clause_first: bool = False) -> None:
        # "本条例自…起施行" in the document's own article, before a 公告 or 印发 notice that repeats it
        for c in sorted(chunks, key=lambda c: not c.article) if own_clause_first else chunks:
            m = pattern.search(c.text)
            span = _ITEM_NUMBER.sub("", m.group(0).strip(), count=1) if m else ""  # without "第四十条"
            if m and not any(span in x[2] or x[2] in span for x in found):
                found.append((label, c, span))
                return
            if m:
                return

    t = query.text
    hist = history(chunks[0].text) if chunks else {}
    specific = [label for label, pattern in _META_ASKED.items() if pattern.search(_A_KIND_NAME.sub("", t))]
    newer = any(c.title == doc.title and c.region == doc.region and c.doc_id != doc.doc_id
                and (c.publish_date or c.effective_date) > (doc.publish_date or doc.effective_date) for c in retriever.chunks)
    if specific == ["最近一次修正"] and not hist.get("amended_date") and not newer:
        # "2016年以后又修订过吗?" of a text that records no amendment, and no later version indexed: not stated
        effective = next((_ITEM_NUMBER.sub("", m.group(0).strip(), count=1) for c in chunks
                          if (m := _META_SPANS["effective"].search(c.text))), "")
        c = next((c for c in chunks if effective and effective in c.text), doc)
        return refusal("not_stated", retriever, query.search, hits,
                       T.RELATED_CLAUSE.format(span=effective, source=f"{_source_name(c)}{c.article}") if effective else "",
                       what=T.NOT_STATED["revision"])
    if chunks and (hist.get("adopted_date") or hist.get("amended_date")) and \
            re.search(r"通过|修正|修订|修改|批准|公布|哪一版|版本|现行|哪天|什么时候|日期", t):
        events = [m.group(0).strip() for m in HEADER_EVENT.finditer(chunks[0].text)]
        adopted = next((e for e in events if first_date(e) == hist["adopted_date"]), "")
        amended = next((e for e in reversed(events) if first_date(e) == hist["amended_date"]), "")
        approved = next((e for e in events if hist.get("approved_date") and first_date(e) == hist["approved_date"]
                         and "批准" in e), "")
        # ("是哪天经省人大常委会批准的?": the 批准, when the day of the province's approval is asked)
        approved = approved if "批准" in t else ""
        adopted = "" if approved and "通过" not in t else adopted  # the approval asked, not the city's adoption
        for label, span in (("通过", adopted), ("最近一次修正", amended), ("批准", approved)):
            # only the events asked about ("什么时候施行?" is not answered by the day it was adopted)
            if span and not any(span == x[2] for x in found) and (label in specific or not specific):
                found.append((label, chunks[0], span))
    if re.search(r"文号|字号|几号文|发文号", t):
        find("文号", _META_SPANS["doc_number"])
        if not any(label == "文号" for label, _, _ in found):
            find("文号", DOC_NUMBER)
    if _META_ASKED["施行"].search(t):
        find("施行", _META_SPANS["effective"], own_clause_first=True)
    if _META_ASKED["有效期"].search(t):
        find("有效期", _META_SPANS["own_validity"], own_clause_first=True)
        if not any(label == "有效期" for label, _, _ in found):
            find("有效期", _META_SPANS["validity"], own_clause_first=True)
    if _META_ASKED["废止"].search(t):
        find("废止", _META_SPANS["repeals"], own_clause_first=True)
    if not hist.get("adopted_date") and (_META_ASKED["日期"].search(t) or (re.search(r"哪天|日期", t) and not found)
                                        or (re.search("什么时候", t) and not found)):
        written = [c for c in chunks[:3] if DATE_WRITTEN.search(c.text)]
        if written:
            date = DATE_WRITTEN.search(written[0].text).group(0)
            if not any(date in x[2] for x in found):
                found.append(("日期", written[0], date))
    if not found:
        return None
    # in the order the question asks them, the first citation answering the first thing asked: where the words asking
    # for each end ("文号是多少 哪天发布的": the 文号 first, though the words asking for the date begin at the document)
    found.sort(key=lambda x: _META_ASKED[x[0]].search(t).end() if x[0] in _META_ASKED
               and _META_ASKED[x[0]].search(t) else len(t))
    values = {"doc_number": doc.doc_number, "adopted": hist.get("adopted_date", ""),
              "approved": hist.get("approved_date", "") if "批准" in t else "",
              "amended": hist.get("amended_date", ""),
              "published": doc.publish_date if not hist.get("adopted_date") else "",
              "effective": doc.effective_date, "expiry": doc.expiry_date}
    facts = [T.META_FACTS[k].format(value=v) for k, v in values.items() if v]
    draft = AnswerDraft(kind="document", conclusion=T.META_CONCLUSION.format(
        source=_source_name(doc), facts=T.META_FACT_SEP.join(facts), status=validity(doc)), closing=[T.NOTICE])
    others = sorted({(c.publish_date or c.effective_date, c.title, c.superseded_by) for c in retriever.chunks
                     if c.title == doc.title and c.region == doc.region and c.doc_id != doc.doc_id})
    for date, title, newer in others:  # the other versions of the same document
        draft.caveats.append(T.META_OTHER_VERSION.format(title=title, date=date or T.DATE_NOT_STATED)
                             + (T.META_SUPERSEDED.format(newer=newer) if newer else T.META_NEWER))
    citations = []
    for i, (label, c, span) in enumerate(found, start=1):
        citations.append(cite(i, c, span))
        # "第四十七条写明…": the clause a law says it in
        draft.points.append(Point(source=citations[-1].article or T.META_WHOLE, text=span, n=i, label=label))
    return to_answer(draft, citations=citations, retrieved=hits, query=query.search, region=doc.region)


def compose(
    query: Query,
    hits: list[Hit],
    retriever: Retriever,
    wanted_regions: list[str],
    named_unknown_region: str = "",
    settings_refuse_below: float = 0.34,
    max_points: int = 3,
    query_vector: np.ndarray | None = None,
    local_missing: str = "",
    named: frozenset[str] | None = None,
    age: int | None = None,
    elder_group: str = "",
) -> Answer:
    """Build the answer for one self-contained query from the retrieved chunks (`query_vector`: its
    embedding, to weigh each sentence's closeness in meaning; without it, words alone pick them).
    `local_missing`: the asker's place has no document of its own (its province's and national rules
    answer, and the answer says so). `named`: titles of the documents the question names, if already known.
    `age`, `elder_group`: the elder's age and group (低保家庭), as the profile knows them."""
    covering = [r for r in wanted_regions if r in retriever.regions and r != "全国"] + ["国家"]
    if query.injection:
        return refusal("injection", retriever, query.search, hits)
    if query.medical_legal:
        return refusal("medical", retriever, query.search, hits)
    weights = translated(term_weights(query.search, retriever, query.focus,
                                      residence_asked=query.wants in ("contact", "procedure")
                                      or bool(_NEARBY.search(query.text))), query.search, retriever,
                         "".join(h.chunk.text for h in hits[:CONFIDENCE_HITS]), said=query.text)
    # the words of the latest message the asker wrote that the earlier turns did not have, and the lexicon's words
    # for them ("停业" → 暂停, 终止)
    weights.new = frozenset(t for t in weights.focus if t in query.latest and query.text.count(t) <= query.latest.count(t))
    weights.focus = frozenset(t for t in weights.focus if t in weights.new or any(
        t in retriever.lex.synonyms.get(w, ()) for w in weights.new))
    cosines = None if query_vector is None else lambda chunk: retriever.sentence_cosines(chunk, query_vector)
    conf = coverage(weights.full(), [h.chunk.text + h.chunk.title for h in hits[:CONFIDENCE_HITS]])
    if named_unknown_region:
        national = [h for h in hits if h.chunk.region == "全国"]
        extra = ""
        if national and conf >= settings_refuse_below:
            p = pick_sentences(national, weights, 1, cosines=cosines, idf=retriever.idf)
            if p:
                extra = T.NATIONAL_FOR_REFERENCE.format(span=p[0].span, source=_source_name(p[0].hit.chunk))
        return refusal("no_region", retriever, query.search, hits, extra, region=named_unknown_region)
    for amount in query.claimed_amounts:
        if not any(states_amount(c, amount) for c in retriever.chunks):
            return refusal("claimed_amount", retriever, query.search, hits, amount=amount)
    named = retriever.named(query.names_in or query.text, query.named_kinds) if named is None else named
    if query.wants == "meta" and conf < settings_refuse_below:  # "这个细则管到哪年?": few words, a named document
        meta = compose_meta(query, hits, retriever, named, named_only=True)
        if meta is not None:
            return meta
    top_cos = max((h.ranks.get("cosine_x1000", 0) for h in hits[:CONFIDENCE_HITS]), default=0) / 1000
    if not hits or (conf < settings_refuse_below and top_cos < COSINE_OVERRIDE):
        return refusal("not_found", retriever, query.search, hits)
    if query.wants == "meta":
        meta = compose_meta(query, hits, retriever, named)
        if meta is not None:
            return meta
        if _META_ASKED["有效期"].search(query.focus or query.text) and _A_DOCUMENT.search(query.text):
            # "这个办法有效期到哪年?" of a document that writes none: its publication date is no answer (the
            # 有效期 of something else, "评估结果有效期多久", is a clause's to answer)
            p = pick_sentences(hits, weights, 1, cosines=cosines, idf=retriever.idf)
            return refusal("not_stated", retriever, query.search, hits, related_clause(p[0]) if p else "",
                           what=T.NOT_STATED["validity"])
    program = program_asked(query, retriever)
    if there := topic_elsewhere(program, query, wanted_regions, retriever):
        place = next((r for r in wanted_regions if r != "全国"), "")
        here = "、".join(dict.fromkeys([*(r for r in wanted_regions if r != "全国"), "国家层面"]))
        return refusal("not_here", retriever, query.search, hits, topic=program, here=here, there="、".join(there),
                       place=place)
    asks_sum = query.asks_amount and query.asks_money  # a sum of money is asked
    sum_of = asked_benefit(query) if asks_sum else ""  # …of this benefit, when one is named
    pick = functools.partial(pick_sentences, weights=weights, max_points=max_points, mix_regions=len(query.regions) > 1,
                             wants_number=query.wants in ("number", "meta"), wanted_regions=wanted_regions,
                             wants_date=query.asks_date, cosines=cosines,
                             named_titles=named,
                             definition=query.asks_definition, wants_term=query.wants_term,
                             answers=(*ANSWERED_BY.get(query.wants, ()),
                                      *(((ADDRESS, INTENT_BONUS),) if query.asks_address else ()),
                                      *(((HOURS_SAID, INTENT_BONUS),) if query.asks_hours else ()),
                                      *(((STARTS_SAID, INTENT_BONUS),) if query.asks_start else ())), idf=retriever.idf,
                             must_hold=holds[1] if (holds := holds_of(query)) and query.wants in HOLD_KINDS else None,
                             age=age, wants_money=asks_sum, benefit=sum_of,
                             strongest=FULL_ANSWER.get(query.wants),
                             subject=figure_subject(query.focus or query.text, retriever),
                             program=program, referred=lambda c, sent: referred_text(retriever, c, sent),
                             introduced=lambda c: table_intro(retriever, c),
                             wants_period=query.asks_period and not query.asks_amount,
                             wants_count=query.asks_count and not query.asks_amount, count=query.count,
                             penalty_asked=query.wants == "penalty" or bool(_SANCTION_ASKED.search(query.text)),
                             ceiling=query.asks_ceiling,
                             exclusion_asked=bool(_EXCLUSION_ASKED.search(query.text)), question=query.text,
                             group=elder_group or asked_group(query.text),
                             # (of a message asking one thing: "咨询电话是多少？有效期是多长？" asks two)
                             asked_kind=query.wants if query.wants in HOLD_KINDS
                             and len(questions_in(query.focus or query.text)) == 1 else "")
    picked = pick(hits)
    if picked and foreign_first(picked[0].hit.chunk.region, wanted_regions, compared=len(query.regions) > 1):
        # "合肥市80岁老人高龄津贴一个月多少钱?" where only 唐山's rules state a sum: another city's rule answers
        # nothing for the asker's place; the asker's own places and national documents answer, or the documents
        # do not say
        picked = pick([h for h in hits if not foreign_first(h.chunk.region, wanted_regions)])
    if not picked:
        return refusal("not_found", retriever, query.search, hits)
    if (top := superlative_row(picked[0], query.focus or query.text, retriever)) is not None:
        # "床位数最多的民办养老机构是哪一家": the row of the table with the most beds among its 民办 rows
        picked = [top, *(p for p in picked if p.hit.chunk is not top.hit.chunk)][:max_points]
    if has := other_year(query, hits, picked[0].hit.chunk, picked[0].span):
        c = picked[0].hit.chunk
        return refusal("other_year", retriever, query.search, hits, related_clause(picked[0]),
                       title=c.title, has=has, year=str(query.asked_year))
    if query.asked_year and (targets := years_around(query.asked_year, picked[0].span)):
        # "2028年每千名老年人养老床位数的目标" of "（一）到2025年…不少于35张 （二）到2030年…": not stated for that year
        return refusal("between_targets", retriever, query.search, hits, related_clause(picked[0]),
                       title=picked[0].hit.chunk.title, has=targets, year=str(query.asked_year))
    if (town := asked_town(query.focus or query.text, retriever.lex)) and towns_in(picked[0].span) \
            and town not in picked[0].span and not any(town in c.text for c in retriever.chunks):
        # "凤庆雪山镇有没有老年助餐点 在哪儿" answered by the row of 凤山镇's point: the list names no point there, and
        # no document names the town at all
        return refusal("no_town", retriever, query.search, hits, related_clause(picked[0]), town=town)
    if query.asks_future and not any(_ADJUSTS.search(p.span) for p in picked):
        # "明年还会涨吗?": what is not yet decided no document states; a clause that sets how the standard is adjusted
        # ("建立动态调整机制") is the answer the documents give
        return refusal("not_stated", retriever, query.search, hits, related_clause(picked[0]),
                       what=T.NOT_STATED["future"])
    if query.legal and picked[0].hit.chunk.kind not in LAWS:
        return refusal("legal", retriever, query.search, hits)
    # "我爸72 一个月能领多少" of a benefit from 80: no sum for that age, and the clause of who may have it
    aged = (sum_of or program) if asks_sum else ""
    if age and aged and (below := too_young(picked[0], retriever, age, aged)) is not None:
        return refusal("too_young", retriever, query.search, hits, related_clause(below[0]), benefit=aged,
                       youngest=str(below[1]), age=str(age))
    if age and asks_sum and not aged and (youngest := youngest_above(picked, age)):
        # "我妈65了…一顿补多少钱" of "七十周岁以上老年人…每餐三元；八十周岁以上的…五元": no sum for that age
        return refusal("too_young", retriever, query.search, hits, related_clause(picked[0]),
                       benefit=T.UNNAMED_BENEFIT, youngest=str(youngest), age=str(age))
    # "我妈刚满62 坐公交有没有啥优惠" of a clause for 65 and over only: the clause answers (not yet), said first
    too_young_for = min((lo for lo, _ in age_bands(picked[0].span)), default=0) \
        if age and not asks_sum and not any(holds_age(p.span, age) for p in picked) \
        and not age_one_of(picked[0].span) else 0
    if asks_sum and set_later_for(picked[0].span, age):
        return refusal("set_later", retriever, query.search, hits, related_clause(picked[0]), age=str(age))
    # (of a sum or of a share: "低保边缘户…医疗救助能给报百分之多少")
    group = (asked_group(query.focus) or asked_group(query.text)) if asks_sum or query.asks_share else ""
    degree = asked_degree(query.focus or query.text) if asks_sum else ""
    if degree and (said := degrees_in(picked[0].span) or degrees_in(picked[0].hit.chunk.text)) and degree not in said \
            and not any(degree in degrees_in(p.span) for p in picked):
        # "中度失能…长护险一天给多少" answered by the 重度失能一级 row: the documents give sums for other degrees only
        # (or the clause found does: "重度失能…每月最高不超过800元，中度失能…500元" for 轻度)
        return refusal("no_group", retriever, query.search, hits, related_clause(picked[0]), group=degree)
    asked_kinds = asked_facilities(query.focus or query.text) if asks_sum else []
    facility = "、".join(asked_kinds)
    c = picked[0].hit.chunk
    if asked_kinds and (other := facilities_in(picked[0].span + c.heading_path + c.title)) \
            and not set(asked_kinds) & set(other):
        # "新建一个养老院…每张床位给多少建设补贴" answered by the 建设补助 of 家庭养老照护床位: another facility's sum
        return refusal("other_facility", retriever, query.search, hits,
                       OTHER_FACILITY.format(source=_source_name(c), other="、".join(other), facility=facility),
                       facility=facility, benefit=sum_of or "补贴")
    grade = asked_grade(query.focus or query.text) if asks_sum else ""
    if grade and (rated := grades_in(picked[0].span + c.heading_path)) and grade not in rated \
            and not any(grade in grades_in(p.span) for p in picked):
        # "要是评上四星级 一年补多少" answered by the 二星级 row of a table of 一星级 to 三星级: not stated for that grade
        # (no other grade's sum is quoted next to it)
        plain = without_amounts(picked)
        return refusal("no_grade", retriever, query.search, hits, related_clause(plain) if plain else "", grade=grade)
    for family, rank, said_as in (asked_ranks(query.focus or query.text) if asks_sum else ()):
        if (said := ranks_in(picked[0].span + c.heading_path, family)) and rank not in said \
                and not any(rank in ranks_in(p.span, family) for p in picked):
            # "中专能拿多少" of an 入职奖补 graded 本科及以上 / 专科, "技师每月多少" of a 岗位津贴 of 初级 to 高级: not
            # stated for that rank
            plain = without_amounts(picked)
            return refusal("no_rank", retriever, query.search, hits, related_clause(plain) if plain else "",
                           family=family, rank=rank, said_as=said_as)
    if query.wants == "number" and (way := contrasted(query.focus or query.text, picked[0].span)) \
            and not any(way[0] in p.span for p in picked):
        # "分散供养的特困人员…低保标准的多少倍" answered by the standard of 集中供养: not stated for them
        return refusal("no_group", retriever, query.search, hits, related_clause(picked[0]), group=way[1])
    if group and leaves_out(picked[0].hit.chunk.text, group):
        # "低保边缘户…居家养老服务补贴一个月多少" answered by a clause whose list of groups has no 低保边缘: not stated for
        # this elder; the list is named as the closest clause, not as a 结论
        return refusal("no_group", retriever, query.search, hits, related_clause(picked[0]), group=group)
    if group and (others := groups_in(picked[0].span)) and group not in others \
            and not any(group in groups_in(p.span) for p in picked):
        # "低保老年人看普通门诊一年能救助多少" answered by "特困老年人普通门诊费用给予救助，每人每年最高600元": the sum found
        # is another group's
        return refusal("other_group", retriever, query.search, hits, related_clause(picked[0]), group=group,
                       others="、".join(others))
    if group and age and (own := [x for x in band_parts(picked[0].span) if group in groups_in(x)]) \
            and all(holds_age(x, age) is False for x in own):
        # "我妈72 家里是低保边缘户…服务券每个月能给多少" of "（三）最低生活保障边缘家庭中80周岁以上的老年人，每人每月150元；
        # （四）计划生育特殊家庭中70周岁以上…": the asker's group has a sum from another age only
        own_part = Scored(picked[0].hit_rank, picked[0].hit, own[0].strip().rstrip("；;"), picked[0].score)
        return refusal("group_too_young", retriever, query.search, hits, related_clause(own_part), group=group,
                       youngest=str(min(lo for x in own for lo, _ in age_bands(x))), age=str(age))
    if asks_sum:
        # "家庭养老床位每张床每月运营补贴多少" where the clause on that program leaves its standard to a later text and
        # the best sentence holds the sums of another one (民办养老机构的运营补贴): the documents do not say
        first_text = picked[0].span + picked[0].hit.chunk.heading_path
        later = next((p for p in picked[1:] if _SET_LATER.search(p.span) and not MONEY.search(p.span)
                      and (not program or program in p.span)
                      and (later_terms := [t for t in weights if len(t) >= 4 and t in p.span and t not in first_text])), None)
        if later is not None:
            return refusal("program_set_later", retriever, query.search, hits, related_clause(later),
                           program=max(later_terms, key=len))
    # (a total paid out, "投入财政资金约180万元", is no sum an elder pays or gets: "自己买一台要多少钱")
    no_money = not any(holds_money(p.hit.chunk, p.hit.chunk.text) and not paid_in_total(p.hit.chunk.text, query.text)
                       for p in picked)
    # a rule for the amount ("全额救助", "不超过本市最低生活保障标准") answers "多少" without a figure: no
    # "not stated" is said next to it; the answer says the rule is a standard, not a sum
    # (of money only: "多少天出结果" is not answered by "按照全市统一的标准")
    by_rule = next((p for p in picked if _STANDARD.search(p.span) and not refers_to_asked(p.span, query, retriever.lex)),
                   None) if (query.asks_amount or query.wants == "number") and query.asks_money else None
    if by_rule is not None and not any(has_number(p.span) for p in picked):
        picked = [by_rule] + [p for p in picked if p is not by_rule]
    benefit = (sum_of or next((w for w in BARE_BENEFITS if w in query.text), "")) if asks_sum else ""
    first = picked[0].hit.chunk
    # or the program named, which the sentence quoted (with its headings and title) must speak of: "嘉兴有没有长期护理
    # 保险 失能老人每个月能报多少钱" is not answered by the 养老服务补贴's sum of a clause that mentions 长期护理保险 later
    # (a program named with where it is given, "社区助餐" of "去社区助餐点吃饭", is written by what it is: 老年助餐)
    elsewhere = asks_sum and not benefit and bool(program) \
        and not program_written(program).search(picked[0].span + first.heading_path + first.title) \
        and not ((core := _SETTING.sub("", program)) != program and len(core) >= 2
                 and program_written(core).search(picked[0].span + first.heading_path + first.title))
    benefit = benefit or (program if elsewhere else "")
    # (a rule for the amount, "全额救助", may answer for a benefit it does not name; but a sum it states, "按照…每人每月
    # 二百元的标准给予运营补贴", is of what it names: no charge a family pays, nor another program the documents write)
    stated = by_rule is not None and bool(MONEY.search(by_rule.span)) and (is_charge(benefit) or (
        benefit == program and benefit[:-2] not in ELDER_NOUNS))  # "老人补贴" names no program
    # ("建设补贴是多少？每年运营补贴最高多少？": the clause of either sum asked answers)
    named = [benefit, *(b for b in benefits_asked(query) if b != benefit)] if benefit and not is_charge(benefit) \
        else [benefit]
    # (nor does a service given free, "80周岁以上老年人每年享受一次免费健康体检", answer the sum of an allowance,
    # "高龄补贴能领多少钱", that its clause does not name)
    free = by_rule is not None and bool(_FREE.search(by_rule.span)) and bool(_ALLOWANCE.search(benefit))
    # (a charge asked, "个人缴费标准是每人每年多少元", is not answered by the sum a fund pays out: "长护基金按每人每日60元支付")
    paid_out = is_charge(benefit) and by_rule is None and bool(_PAID_OUT.search(picked[0].span)) \
        and not _FEE_SAID.search(picked[0].span)
    if benefit and (elsewhere or paid_out or ((by_rule is None or benefit in BARE_BENEFITS or stated or free)
                                              and not any(speaks_of(b, first, retriever.lex) for b in named))):
        # "重庆百岁老人的长寿慰问金给多少?" answered by the 高龄津贴 amounts would mislead: say it is not stated,
        # and quote no other benefit's amount next to that
        source = _source_name(picked[0].hit.chunk)
        if is_charge(benefit):  # the closest clause is named only when it holds an amount of something else
            other = OTHER_FEE.format(source=source) if MONEY.search(picked[0].hit.chunk.text) else ""
            return refusal("no_fee", retriever, query.search, hits, other)
        return refusal("no_benefit_amount", retriever, query.search, hits,
                       OTHER_BENEFIT.format(source=source, benefit=benefit), benefit=benefit)
    if benefit and not is_charge(benefit) and all(other := sum_of_another(b, picked[0], retriever.lex) for b in named):
        # "床位运营补贴每张床每月多少钱?" of a clause that names that 运营补贴 without a sum and gives the 建设补助's
        # sum in the next sentence: another program's sum is no answer
        return refusal("no_benefit_amount", retriever, query.search, hits, OTHER_PROGRAM_SUM.format(
            source=_source_name(picked[0].hit.chunk), other=other, benefit=benefit), benefit=benefit)
    if by_rule is None and asks_sum and no_money and sum_of and not query.asked_year and (summed := held_in_document(
            picked[0], retriever, weights, MONEY, within=lambda c: sum_of in c.heading_path + c.text)) is not None:
        # "入职奖励一共能拿多少钱" answered by how it is paid out ("分3年发放…奖励总额的40%"): the sum of the same
        # document's clause on that benefit ("二、入职奖励 > （二）奖励标准": "全日制本科…奖励3万元") answers first
        picked, no_money = [summed, *picked[: max_points - 1]], False
    # "标准是多少" answered by a figure that is not money (平方米, 比例) is an answer, not a missing amount
    if by_rule is None and query.asks_amount and no_money \
            and (query.asks_money or not any(has_number(p.span) for p in picked)):
        plain = without_amounts(picked)
        return refusal("no_amount", retriever, query.search, hits, related_clause(plain) if plain else "")
    office, place = query.office
    if query.wants == "contact" and office and not any(place in p.hit.chunk.text for p in picked):
        # "阳朔县民政局电话多少" answered by the city's office: that office's number is not written; the closest
        # clause (another office's) is named as such
        return refusal("not_stated", retriever, query.search, hits, related_clause(picked[0]),
                       what=T.OFFICE_CONTACT.format(office=office))
    # ("最晚什么时候申请复核" is answered by "自收到评定结果之日起15个工作日内" as well as by a day)
    if query.asks_end and not any((DATE.search(p.span) or _TIME_LIMIT.search(p.span)) and ends_something(p.span)
                                  for p in picked):
        applying = bool(_APPLYING_ASKED.search(query.focus or query.text))
        if (dated := dated_in_document(picked[0], retriever, weights, applying)) is not None:
            picked = [dated, *picked[: max_points - 1]]
    elif query.asks_date and not any((DATE.search(p.span) or ends_something(p.span)
                                      or (query.asks_period and _PERIOD.search(p.span)))
                                     # ("什么时候申请" is not answered by "自次月起停止享受岗位津贴": a day of applying)
                                     and (not _APPLYING_ASKED.search(query.focus or query.text)
                                          or _APPLYING.search(p.span)) for p in picked):
        # ("承诺办结时限是多少个工作日" is answered by "承诺办结时限：15个工作日", a length of time)
        # "那什么时候报?" after "运营补贴一年多少": the sum found is no date; the dated sentence of the same document
        # that holds the question's terms answers (for applying, the one on applying), if there is one
        applying = bool(_APPLYING_ASKED.search(query.focus or query.text))
        topical = names_topic(weights)
        # (for applying, a dated sentence on applying, "每年3月1日至3月31日为集中申报期", before any other)
        # (for a beginning, "啥时候开始按新标准发", the day it starts from: "本通知自2024年7月1日起执行")
        dated = (query.asks_start and held_in_document(picked[0], retriever, weights, STARTS_SAID)) \
            or (applying and held_in_document(picked[0], retriever, weights, DATE,
                                              lambda sent: topical(sent) and bool(_APPLYING.search(sent)))) \
            or held_in_document(picked[0], retriever, weights, DATE, topical, applying)
        if dated is not None:  # after the sum when one is asked too ("能给多少钱 啥时候给"), else in its place
            picked = [*picked[: max_points - 1], dated] if query.asks_amount else [dated, *picked[: max_points - 1]]
        elif query.wants == "number" and not query.asks_amount and not any(_WHEN_SAID.search(p.span) for p in picked):
            # "高龄津贴每年要不要做资格认证 几月份去认证" answered by the 津贴's sums: no time is stated for it
            return refusal("not_stated", retriever, query.search, hits, related_clause(picked[0]),
                           what=T.NOT_STATED["date"])
    if query.asks_hours and not any(HOURS_SAID.search(p.span) for p in picked) \
            and (hours := held_in_document(picked[0], retriever, weights, HOURS_SAID)) is not None:
        # "在哪个部门办 地址在哪 几点上班": the office and its address answer first, the hours its document gives with them
        picked = [*picked[: max_points - 1], hours]
    thing = lasting_thing(query.latest or query.text) if query.asks_lasting else ""
    if query.asks_lasting and not (_TERM_SAID.search(picked[0].span) and re.search(thing, picked[0].span)):
        # "优待证办下来能用几年" answered by "…5个工作日内发放优待证": the days it takes to issue it are no term it lasts
        # (nor "乘车卡…每年年审一次", the term of another card); the term its document gives of the thing asked
        # answers first, else the documents do not say
        if (lasts := held_in_document(picked[0], retriever, weights, _TERM_SAID,
                                        lambda sent: bool(re.search(thing, sent)))) is not None:
            picked = [lasts, *picked[: max_points - 1]]
        else:
            return refusal("not_stated", retriever, query.search, hits, related_clause(picked[0]),
                           what=T.NOT_STATED["term"])
    if query.asks_period and query.wants == "number" and not query.asks_amount and not query.asks_date \
            and not any(_PERIOD.search(p.span) or has_number(MONEY.sub("", AGE_STATED.sub("", DOC_NUMBER.sub("", p.span))))
                        or _NONE_SET.search(p.span) or _RHYTHM.search(p.span) for p in picked):
        # "申请提交以后，多少个工作日内必须审核完?" answered by a clause without any figure (a 文号, "〔2021〕8号", an age,
        # "60周岁以上", or a sum is none): the documents do not say (a clause that sets none, "未设置户籍迁入年限要求",
        # answers "要满几年"; a rhythm, "按季度将资金拨付", answers "多长时间拨付一次")
        return refusal("not_stated", retriever, query.search, hits, related_clause(picked[0]),
                       what=T.NOT_STATED["period"])
    if query.asks_count and query.wants == "number" and not query.asks_amount \
            and not any(_TIMES.search(p.span) for p in picked):
        # "一个月最多能补几次?" answered by who may have it: the count of times of the same document answers first
        if (counted := held_in_document(picked[0], retriever, weights, _TIMES, names_topic(weights))) is not None:
            picked = [counted, *picked[: max_points - 1]]
        else:
            # (the count of times, not "any figure": the clause quoted may well hold a period, "失能状态持续6个月以上")
            return refusal("not_stated", retriever, query.search, hits, related_clause(picked[0]),
                           what=T.NOT_STATED["count"])
    if query.asks_measure and query.wants == "number" and not query.asks_amount \
            and not any(in_unit(p, (measured := measured_in(query.asks_measure)), query.asks_measure) for p in picked):
        # "亲情护理要培训多少个课时" answered by the 15元 a day it pays: the figure in that unit of the same document
        # answers first, else the documents do not say
        if (held := held_in_document(picked[0], retriever, weights, measured, names_topic(weights))) is not None:
            picked = [held, *picked[: max_points - 1]]
        else:
            return refusal("not_stated", retriever, query.search, hits, related_clause(picked[0]),
                           what=T.NOT_STATED_MEASURE.format(unit=query.asks_measure))
    missing = holds_of(query)
    if missing and by_rule is None and not missing[1].search(picked[0].span):
        # the 结论 is the point that holds what was asked (an office for "找谁"), if one is close enough to
        # the best (or for papers, of the best one's document); otherwise the answer says what is not stated
        holder = next((p for p in picked[1:] if missing[1].search(p.span)
                       and (p.score >= HOLD_FLOOR * picked[0].score
                            or (p.hit.chunk.doc_id == picked[0].hit.chunk.doc_id
                                and (query.wants == "materials"
                                     or (query.wants == "contact" and for_questions(p)
                                         and of_office(p.span, query.text))
                                     or answers_kind_asked(p.hit.chunk, query.wants))))),
                      None)
        if holder is not None:
            picked = [holder] + [p for p in picked if p is not holder]
        elif query.wants == "contact" and (consult := held_in_document(
                picked[0], retriever, weights, PHONE,
                lambda sent: (bool(_CONSULT_LINE.search(sent)) or line_named(sent, picked[0].hit.chunk.text))
                and of_office(sent, query.text))) is not None:
            # "…还能补回来吗 找哪个电话问": the line the document found gives for questions about it (or the line its
            # clause says to call: "拨打承保机构服务热线报案" → "承保机构24小时服务热线：0775-2682150")
            picked = [consult, *picked[: max_points - 1]]
    listed: list[str] = []
    if missing and query.wants in HOLD_KINDS and (query.wants == "materials" or not missing[1].search(picked[0].span)) \
            and (section := section_of_kind(picked[0], retriever, missing[1])):
        # "要带啥东西去" of a 办事指南: its "申请材料" section, item by item, not a step that mentions 提交材料 (for how to
        # apply, only when the clause found says nothing of it: "可以向所在社区老年助餐点申请送餐上门服务" says it)
        head = section[0]
        picked = [Scored(picked[0].hit_rank, Hit(head, picked[0].hit.score), head.text.split("\n")[0], picked[0].score),
                  *picked[: max_points - 1]]
        listed = [line for c in section for line in c.text.split("\n") if line.strip()][1:MAX_LISTED]
        # (a point the list already quotes is no point of its own)
        picked = [picked[0], *(p for p in picked[1:] if p.hit.chunk not in section)]
    if missing and query.wants in HOLD_KINDS and not _on_topic(picked[0], weights, missing[1], idf=retriever.idf):
        # "补贴要交什么材料?" answered by a clause on 证明材料 of something else: it holds papers, not these
        # its clause is not quoted: "没有写明材料" next to a quote naming 证明材料 would read as a contradiction
        p = picked[0]
        return refusal("not_stated", retriever, query.search, hits,
                       OTHER_MATTER.format(source=f"{_source_name(p.hit.chunk)}{p.hit.chunk.article}"),
                       what=missing[0])
    if missing and by_rule is None and not missing[1].search(picked[0].span) \
            and not (query.asks_date and DATE.search(picked[0].span)):  # "从哪个时候开始": "次月起" is a day
        return refusal("not_stated", retriever, query.search, hits, related_clause(picked[0]), what=missing[0])
    if query.asks_age and query.wants == "number" and not query.asks_amount \
            and not any(AGE_STATED.search(p.span) for p in picked):
        # "法定退休年龄男的女的分别是多少岁?" answered by a clause that names the age without stating it ("达到法定退休
        # 年龄时累计缴费满十五年的"): the age of the same document answers first, else the documents do not say
        # (the age of what is asked: the heaviest word of the question the clause found holds, not any age)
        topic = [t for t in weights if t not in getattr(weights, "asking", ()) and t in picked[0].hit.chunk.text
                 and not AGE_STATED.search(t)]
        heaviest = max(topic, key=lambda t: weights[t], default="")
        if heaviest and (aged := held_in_document(picked[0], retriever, weights, AGE_STATED,
                                                  lambda sent: heaviest in sent)) is not None:
            picked = [aged, *picked[: max_points - 1]]
        else:
            return refusal("not_stated", retriever, query.search, hits, related_clause(picked[0]),
                           what=T.NOT_STATED["age"])
    if query.asks_share and not any(_SHARE.search(p.span) for p in picked):
        # "…最多能补多少钱?自己要出几成?": the share of the same document, next to the sum that answers the first ask;
        # a share asked alone ("慢病报销能报百分之几" of a clause listing the 慢性病) by a clause found for the question
        # that states a share as a figure ("二级定点医疗机构65%"), first — not by any other sentence of the document
        # ("全额资助其参加…医疗保险" is no share of what a 医疗救助 pays)
        found_ids = {h.chunk.chunk_id for h in hits[:max_points + 2]}
        shared = held_in_document(picked[0], retriever, weights, _SHARE, names_topic(weights))
        if shared is not None and not query.asks_amount and not (
                shared.hit.chunk.chunk_id in found_ids and _SHARE_FIGURE.search(shared.span)):
            shared = None
        if shared is not None:
            picked = [*picked[: max_points - 1], shared] if query.asks_amount else [shared, *picked[: max_points - 1]]
        else:  # "医疗救助能报百分之多少?": a share, which an age or a count in the clause is not
            return refusal("not_stated", retriever, query.search, hits, related_clause(picked[0]),
                           what=T.NOT_STATED["share"])
    if query.asks_end:
        # "试点到哪天结束?", "报名啥时候截止?": a date that ends something answers, not the day a report was
        # published ("实施时间:2025年08月25日") or a count as of a day ("截至8月14日，…700余家")
        ending = next((p for p in picked if ends_something(p.span)), None)
        if ending is None:
            return refusal("not_stated", retriever, query.search, hits, related_clause(picked[0]),
                           what=T.NOT_STATED["deadline"])
        picked = [ending] + [p for p in picked if p is not ending]
    if not listed and (whole := whole_item(picked[0])):
        # "5. 评估结论有效期为2年。有效期满仍需享受待遇的，应当在期满前30日内申请重新评估。" for "管几年 到期了咋办": a short
        # item is quoted whole, as one 结论 (its other sentence is no point of its own)
        picked[0].span = whole
        picked = [picked[0], *(p for p in picked[1:] if p.hit is not picked[0].hit)]
    if age is not None and query.wants == "number" and TABLE_MARK not in picked[0].hit.chunk.heading_path \
            and (band := band_of(picked[0].span, age, group)):
        picked[0].span = band  # "我家老头八十五了…一顿多少钱": "80周岁以上老年人每餐8元", not every band of the sentence
    citations: list[Citation] = []
    draft = AnswerDraft(closing=[T.LEGAL_NOTE if query.legal else T.NOTICE])
    if local_missing:
        draft.lead.append(LOCAL_MISSING.format(place=local_missing, levels="、".join(covering)))
    if age and too_young_for > age:
        draft.lead.append(T.AGE_NOT_COVERED.format(youngest=too_young_for, age=age))
    if by_rule is not None and not any(has_number(p.span) for p in picked):
        draft.lead.append(AMOUNT_BY_RULE)
    for i, p in enumerate(picked, start=1):
        c = p.hit.chunk
        span, items = ((p.span, listed) if listed else list_items(c, p.span, retriever.doc_chunks(c.doc_id))) if i == 1 else (p.span, [])
        p.span = span
        citations.append(cite(i, c, span))
        if items and not listed:  # the citation holds the items the answer quotes, not the introduction alone
            citations[-1].text, citations[-1].context = list_passage(c, span, items, retriever.doc_chunks(c.doc_id))
        elif items:  # …and a guide's section, its lines as the document writes them (cited as the section, not
            # its first item: "第三部分", not "第三部分第1项")
            citations[-1].text = citations[-1].context = "\n".join([span, *items])
            citations[-1].article = _ITEM_LABEL.sub("", citations[-1].article) or citations[-1].article
        where = f"{_source_name(c)}{citations[-1].article}"
        if i == 1:
            draft.conclusion = T.CONCLUDED.format(source=where, text=table_row_reading(c.heading_path, span), n=i)
            draft.items = items
        else:
            draft.points.append(Point(source=where, text=p.span, n=i))
    foreign = "、".join(sorted(
        {p.hit.chunk.region for p in picked if p.hit.chunk.region not in ("", "全国", *wanted_regions)}
    ))
    if foreign:
        draft.notes.append((T.FOREIGN_ONLY_THERE if wanted_regions else T.FOREIGN_ASK_REGION).format(regions=foreign))
    old_versions = {p.hit.chunk.doc_id: p.hit.chunk for p in picked if p.hit.chunk.superseded_by}
    for c in old_versions.values():
        draft.notes.append(T.NEWER_VERSION.format(title=c.title, newer=c.superseded_by))
    # a next step only when the answer does not already say where and how to apply
    shown = "".join(lines_of(replace(draft, closing=[])))
    for p in picked if query.asks_process and not _NEXT_STEP.search(shown) else []:
        for sent in chunk_sentences(p.hit.chunk.text):
            if _NEXT_STEP.search(sent) and not any(x.span in sent for x in picked) and len(draft.next_steps) < 1 \
                    and _ITEM_NUMBER.sub("", sent, count=1).strip() not in shown:
                span = best_span(_ITEM_NUMBER.sub("", sent, count=1).strip(),  # without "第三十条"
                                 {k: 1.0 for k in ("申请", "民政", "评估", "办理", "乡镇", "社区")})
                n = len(citations) + 1
                citations.append(cite(n, p.hit.chunk, span))
                draft.next_steps.append(f"{span}[{n}]")
    return to_answer(draft, citations=citations, retrieved=hits, query=query.search,
                     region=wanted_regions[0] if wanted_regions else "")
