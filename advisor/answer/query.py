"""Query understanding for colloquial Chinese: synonyms to the documents' terms, regions, intent flags."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from advisor.answer.agebands import stated_count
from advisor.answer.groups import NOT_OF_GROUP
from advisor.ingest.instructions import INJECTION
from advisor.lexicon import Lexicon, find_regions, place_matches

# which medicine, how much of it, whether to take or stop it: a doctor's question, never answered
MEDICATION = re.compile(
    r"吃什么药|用什么药|剂量|用量|吃几片|吃几粒|几片|几粒|毫克|(?:吃|服|用)点?(?:什么|哪种|啥|哪些)药"  # 吃点啥药好
    r"|药.{0,4}(?:怎么吃|吃多少|能不能停|要不要停|能不能一起)|(?:要不要|能不能|该不该|可不可以)(?:吃|服用?|停).{0,6}药"
    r"|药[^。!?！？]{0,12}(?:忘(?:了)?(?:吃|服)|漏(?:吃|服)|补(?:吃|服|上))"  # a missed dose
    r"|(?:能|可以|该|要)(?:给[她他]|让[她他])?(?:吃|服用?)[^,，。？?！!]{0,6}药"  # 能给她吃点安眠药吗
    r"|把[^,，。？?！!]{0,6}药[^。!?！？]{0,14}(?:吃|服|碾|掰|研|拌|泡)"  # 能不能把降压药碾碎了拌在饭里给他吃
    # a dose or a change of what a doctor prescribed, whatever the medicine is called ("一天吃多少", "换成氯吡格雷")
    r"|(?:一天|每天|一次|每次|一日|早晚)(?:吃|服用?)(?:多少|几)(?!\s*(?:个?顿|餐|钱|块|元|次饭))|医生开(?:了|的)[^。!?！？]{0,16}(?:换|停|哪个好|哪种好)")
# ("诊断证明" is a paper to bring, "手术费" a cost: no medical question)
_MEDICAL = re.compile(MEDICATION.pattern + r"|药物|怎么治|治疗方案|诊断(?!证明|书|报告|材料)|病情|手术(?!费)")
# legal matters: answered only from a law or regulation that covers them, never from a plan or a news page
_LEGAL = re.compile(r"打官司|起诉|律师|判决|法院|遗产|遗嘱|继承|赡养费.*(打|告)")
# "办遗嘱公证有没有优惠?": a benefit of a legal matter (a fee waived), which any document may grant
_BENEFIT_ASKED = re.compile(r"优惠|优待|减免|减半|免费|免收|打折|补贴|补助|收费|费用")
# a legal opinion on one case (is it valid, what will a court award): never given, whatever the laws say
_LEGAL_OPINION = re.compile(r"才算有效|是否有效|有效吗|算不算数|判多少|怎么判|会判|能赢|胜诉|败诉|能打赢")
# "多少" followed by a unit that is not money ("补多少个月", "给多少天") asks for a count, not an amount
_NOT_MONEY = r"(?!\s*个?(?:月|天|日|年|岁|次|人|张|户|项|家|平方|小时|周|分钟|分|%))"
_MOST = r"(?:最多|最高|顶多|至多)"  # the most that may be given, asked
_AMOUNT = re.compile(
    r"多少钱|好多钱|多少元|几元|几块|金额|(?:每|一)个?月(?:能|可以)?(?:有|领|拿|发|给)?多少|每年多少|发多少|补多少|给多少"
    r"|标准是多少|能领多少|拿多少|(?:拿|领|得|补)到多少|多少(?:奖补|补贴|补助|津贴|奖励)"  # 好多钱: 多少钱 as 四川/重庆 say it ("护理补贴一个月有好多钱")
    # what the family pays ("评估费交多少", "自己要掏多少"); 几多: 多少 as 广东 says it ("补几多", "几多钱"); 几钿: 多少钱
    # as 上海/江浙 say it ("吃中饭几钿一顿")
    r"|(?:交|缴|花|付|掏)多少|几多钱|(?:补|给|发|领|拿|交)几多|几钿|多少钿"
    r"|几个钱"  # "一个月给几个钱": 多少钱 as 北方 families say it
    r"|是(?:啥|什么)标准"
    # a ceiling asked ("政府最多能补多少钱", "最高给多少"): the asking, not a topic word
    rf"|{_MOST}(?:能|可以)?(?=[补给发领拿报]?(?:多少|几[块元百千万]))"
    # "护理补贴多少": the asking after the benefit named, not the benefit itself (which is what is asked about)
    r"|(?:(?<=津贴)|(?<=补贴)|(?<=补助)|(?<=奖励)|(?<=奖补)|(?<=金)|(?<=护理费)|(?<=生活费))(?:是|有|能有|大概|一般)?多少"
    .replace("多少", "多少" + _NOT_MONEY)
)
_ASKS_MONEY = re.compile(r"钱|元|块|钿|金额|津贴|补贴|补助|奖励|奖补|养老金|(?<!免)费|价格|补多少|发多少|给多少|领多少|拿多少")  # money, not any figure
_WANTS_DEFINITION = re.compile(r"是指|指的是|指什么|什么是|什么叫|才算|算不算|算是|怎么定义|定义|具体指")
_CLAIMED_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(元|块|万元)")
_PROCESS = re.compile(r"怎么申请|如何申请|申请|办理|找谁|流程|去哪|手续|怎么办|怎么弄|咋办|咋整|怎么整|咋弄")
# "几天" asked ("审核要几天", "能歇几天"), not a few days asked for ("帮我接手几天让我缓口气", "托几天，让我喘口气");
# 到期 asked ("什么时候到期"), not a paper that ran out ("身份证到期了要换")
_DAYS_ASKED = r"(?<![好十])(?<!接手)几天(?!\s*[，,]?\s*(?:让|吧))"
_EXPIRY_ASKED = r"(?<![快已])到期(?!了)"
# a measured quantity asked ("要培训多少个课时", "活动用房要多少平方米", "能领几台"): a figure in that unit answers it,
# not a sum or a period of the same clause; each unit with the ways documents write it
MEASURES: dict[str, str] = {"课时": "课时|学时", "平方米": "平方米|平米|㎡", "公里": "公里|千米", "台": "台", "张": "张",
                            "套": "套", "件": "件", "间": "间"}
_WANTS_MEASURE = re.compile(r"(?:多少|几)\s*个?\s*(" + "|".join(MEASURES.values()) + ")")
# what kind of answer the question wants: a number, a date, a phone number, a list of documents
_WANTS_NUMBER = re.compile(r"多少|几多|几(?=" + "|".join(MEASURES.values()) + r")|几钿|好多钱|几号|几块|几元|几毛|几顿|几餐|(?<![哪好妹弟们兄姐十])几个|" + _DAYS_ASKED + r"|(?<!十)几次|几份|(?<![好十])几年|(?<!十)几岁|多久|多长时间|比例|占比|百分之|哪一年|哪年|哪个月|哪月|几月份?|什么时候|哪个时候|啥时候|什么时间|时间要求|时限|何时|哪天|日期|" + _EXPIRY_ASKED + r"|有效期|期限")
# the hours or days something is open or comes ("一般几点到几点", "星期天来不来", "开放时间"): a clock time or days of
# the week answer, not a date
# when something begins ("啥时候开始按新标准发", "从哪个月起涨"): a day it starts from answers, not a deadline
_WANTS_START = re.compile(r"(?:什么时候|啥时候|哪天|何时|几时|几月|哪个月|哪一天)[^，,。？?]{0,3}(?:开始|起)|从(?:哪天|哪个月|什么时候|啥时候)")
_WANTS_HOURS = re.compile(r"几点|(?:开放|营业|开门|服务|上班|办公|上门)时间|(?:星期|礼拜|周)[六日天末]")
# a share ("能报百分之多少?"), which a figure of another kind does not answer
_WANTS_SHARE = re.compile(r"百分之多少|百分之几|多少%|几成|什么比例|多大比例|比例(?:分别|各|大概|一般)?(?:是)?多少|报销比例|占比多少")
# how long something takes ("多久能拿到", "几个工作日批下来"): a period answers it, not an age or a sum
# how many times ("一个月最多能补几次"): a count of times answers, not an age or a sum
_WANTS_COUNT = re.compile(r"(?:能|可以|补|给|上门|服务|享受|报)几次|多少次|几回|多少回|(?:补|管|吃|给|能补)几(?:顿|餐)|多少(?:顿|餐)"
                          r"|多久(?:来|上门|去|看|探访|看望){0,2}一?(?:次|回|趟)")  # how often: "多久来一回" (每周至少探访一次)
# the most that may be given ("一年最多补多少", "最高能报多少", "有没有上限")
_WANTS_CEILING = re.compile(rf"{_MOST}[^，,。？?]{{0,6}}(?:多少|几)|上限|封顶")
# an age asked ("法定退休年龄是多少岁", "几岁能办", "年龄要求"): a sentence stating an age answers it, not a sum or a year count
_WANTS_AGE = re.compile(r"多少岁|几岁|多大岁数|多大年纪|多大年龄|年龄(?:是多少|多大|要求|限制|门槛|界限)|多大(?:才|就)(?:能|可以|算)")
_WANTS_PERIOD = re.compile(r"多久(?!发一次|一次|发放一次|(?:来|上门|去|看|探访)?一?(?:回|趟|次))|多长时间|多少天|" + _DAYS_ASKED + r"|几个工作日|多少个工作日|(?<![那这])几个月|多少日|几个?(?:钟头|小时)|多少个?(?:钟头|小时)|(?<![好十哪])几年|多少年")
# when something ends ("试点到哪天结束?", "报名啥时候截止?"); 截至 is "as of", not asked
_WANTS_END = re.compile(r"结束|截止|截至(?:到|啥|什么|哪)|" + _EXPIRY_ASKED + r"|到哪天|到什么时候|最晚|最迟")  # "申请截至到啥时候": 截止 as often typed
_WANTS_DATE = re.compile(r"什么时候|哪个时候|几号|啥时候|啥时|什么时间|时间要求|时限|哪一年|哪年|哪个月|哪月|几月份?|何时|期限|截止|截至")  # "when": a deadline or year
# a number written after 电话 is the asker telling theirs ("电话138****5678"), not asking for one
# (not a call told of: "有人打电话说…", "接到电话", "诈骗电话")
_WANTS_CONTACT = re.compile(r"(?<!打)(?<!接到)(?<!来)(?<!骗)(?<!回)电话(?!\s*[::是为]?\s*[0-9+*(])(?!说|里|费)"
                            r"|热线|联系方式|地址|网址|邮箱|二维码|哪条路|哪条街|门牌")
# an address asked ("在哪条街", "地址在哪"): a street and number answers, as a phone number does
_WANTS_ADDRESS = re.compile(r"地址|哪条路|哪条街|门牌|在哪条|具体位置|位置在哪|怎么走")
# materials asked for ("要带什么", "需要哪些材料"), not a mention of papers ("拿假材料骗补贴")
_WANTS_MATERIALS = re.compile(r"(?:什么|哪些|啥|哪几样)(?:材料|证件|证明)|材料(?:有哪些|是什么|有啥)|(?:带|交|提交|准备)(?:什么|哪些|啥)"
                              r"|要不要带|证明材料")
# how to apply, where, which office: the answer must name a procedure, a place or an office
_WANTS_PROCEDURE = re.compile(r"怎么申请|如何申请|怎样申请|怎么办理|如何办理|怎么领|如何领|去哪里|(?<![打发存转汇])到哪里|去哪儿|(?<![打发存转汇])到哪儿|去哪|(?<![打发存转汇])到哪|哪里申请|在哪申请|在哪里申请|在哪(?:里|儿)?(?:领|办|交|报)"
                              r"|找谁|找哪|哪个部门|什么部门|哪个单位|哪个机构|谁来(?:办|管|经办|负责)|(?:什么|哪些)(?:流程|手续)"
                              r"|(?<!代)办(?:理)?手续|流程(?:是|怎么)|怎么弄|怎么报名|途径|渠道|怎么解决|如何解决|向谁反映|哪里反映")
# who is eligible: answered by the clause that names the people it applies to and what they get
_WANTS_WHO = re.compile(r"(?:什么样|啥样|怎样|哪种)的?(?:老人|老年人|人|家庭|对象)|哪些(?:老人|老年人|人|家庭|对象)|哪类(?:老人|老年人|人|家庭)"
                        r"|谁(?:能|可以)|什么人(?:能|可以)|(?:什么|哪些|啥)条件|够条件|符合条件")
# what a term covers: "养老服务包括哪些?" (not "要履行哪几方面的义务?", a list of something else)
_WANTS_EXTENT = re.compile(r"(?:包括|包含|涵盖)(?:哪些|什么|啥|哪几)")
# what happens to who breaks a rule: answered by a penalty (罚款, 责令, 追究…责任)
_WANTS_PENALTY = re.compile(r"处罚|罚款|怎么罚|罚多少|法律责任|追究|承担什么责任|(?:会|要|被|受)罚|罚吗|拘留|坐牢|判刑"
                            r"|(?:骗|违反|违规|不履行|虐待|遗弃|侵占|冒领|套取|虚报|伪造)[^?？。]{0,24}"
                            r"(?:(?:怎么|咋|如何)(?:处理|处置|办)|会怎样|会怎么样|什么后果)")
# what is provided / what it covers: answered by a list or an enumeration of things
_WANTS_LIST = re.compile(r"哪些|哪几|什么服务|包括什么|包含什么|都有什么|都有啥|有什么(?:服务|支持|帮助|内容|项目|保障|待遇|照顾|关照)"
                         r"|管(?:些)?什么|提供什么|提供些什么|提供啥|能做什么|能干什么")
# "以前的老文件还管用吗?": whether the documents a newer one replaces still apply ("作废" said of a document: an
# unused voucher or a card's balance "会不会作废" is no document's validity)
REPEAL_ASKED = r"废止|(?:文件|政策|办法|规定|条例|通知|细则|方案)[^,，。?？]{0,4}作废" \
               r"|(?:老|旧|原来的|以前的)文件[^,，。?？]{0,4}(?:管用|算数|有效)" \
               r"|(?:文件|办法|规定|通知|条例|细则|号)[^,，。?？]{0,4}(?:管用|算数|作数)"  # "亳民〔2021〕38号那个文件还管用吗"
# when a document was issued ("这个办法是市政府啥时候发的", "通知哪天下发的"): its 印发 date; said of a document only
# ("补贴什么时候发" is a payment's time)
_DOC_NOUNS = r"办法|方案|细则|通知|文件|意见|条例|规定|决定|清单"  # the kinds of document a question names
ISSUED_ASKED = r"(?:" + _DOC_NOUNS + r")[^，。？?,]{0,10}" \
               r"(?:哪天|哪一天|什么时候|啥时候|何时|几号|哪年|哪一年)[^，。？?,]{0,3}(?:印发|发布|出台|下发|发)的"
_META = re.compile(ISSUED_ASKED + r"|文号|哪天印发|什么时候印发|哪天发布|什么时候发布|发布时间|发布日期|印发日期|落款|施行|生效|有效期|失效|过期|还有效"
                   r"|(?:开始|什么时候|啥时候|哪天|何时|几时|哪年)起?(?:实行|实施|执行)"
                   r"|管到|有效到|执行到|用到(?:哪|什么时候)"
                   r"|(?:修订|修改|修正)过|改过|新版|最新一次|(?:哪年|什么时候|啥时候)(?:改|修订|修改)|" + REPEAL_ASKED)
# the year a program or a version is asked for ("2024年的适老化改造", "那2025年度的", "2019年那个老的办法"), not a
# year of the story ("2019年就满80了")
# ("2024年一整年一共发了多少", "2027年还有没有"): a year that is no date ("2018年11月22日通过的") and no year the
# asker's story is told from ("从2022年开始", "1923年出生", "2021年做过", "2019年就满80了", "2015年建成的老小区")
_ASKED_YEAR = re.compile(r"(?<![\d从自于])((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)"
                         r"(?![^，。,；;？?！!\s]{0,10}?(?:就|已经|已|过|出生|生人|满\d|退休|去世|住|搬|建成|建的|盖的|买的))")
# how long a thing the elder holds lasts (a card, an assessment's result, a voucher: "优待证办下来能用几年",
# "评出来的结果管多久"): its own term answers, not a document's validity nor the days it takes to issue it
_LASTS = r"(?:有效期|能用|管用|管|有效|用)(?:是)?(?:几年|多久|多长时间|多长|多少年|到什么时候)|几年有效|(?:要不要|需不需要|得|还要)[^,，。?？]{0,4}年审"
_THING_LASTS = re.compile(r"(?:证|卡|券|结果|结论|资格|等级)[^,，。?？]{0,10}(?:" + _LASTS + ")|(?:能用|管用)(?:几年|多久|多长时间)"
                          r"|(?:要不要|需不需要|得)(?:年年|每年)[^,，。?？]{0,4}审")
# when cover or a contract starts or ends ("保险期间从何时起至何时止", "集中投保期结束后参保的，从何时起生效"): dates
# the document states, not its own 施行 or 有效期
_COVER_RUNS = re.compile(r"(?:保险期间|保障期|保险责任|参保|投保|缴费|合同|协议)[^。？?]{0,20}(?:生效|起止|何时起|什么时候起|哪天起|开始|截止|止)")
# the words that name a document (its validity is a document's): "这个办法有效期几年", "通知管几年"
_DOCUMENT_NOUN = re.compile(_DOC_NOUNS + r"|文号|政策|规划|\d号")
# two places set side by side ("黄石港区的标准跟下陆区一样吗", "两地有什么区别"): each must have its own rules
_COMPARES = re.compile(r"一样|相同|区别|不同|差别|差异|对比|比较|跟[^,，。?？]{1,12}比")
# a change already made is asked about ("2025年涨了多少", "跟今年一样不"): the documents' own dates say which
# year they are of
_ASKS_CHANGED = re.compile(r"涨了|涨没|提高了|调整了|上调了|调了没|变了|一样不|一样吗|还一样")
# a change still to come ("明年还会涨吗", "以后会不会提高", "2026年还会再涨吗"): no document states what is not decided
_CHANGE = r"(?:涨|提高|上调|提标|调高|降低|下调)"
ASKS_FUTURE = re.compile(
    rf"(?:明年|后年|今后|以后|将来|下一年|今年|(?:19|20)\d{{2}}\s*年)[^。？?！!]{{0,10}}?(?:还会|会不会|会再|还能再|能不能|会|还要)"
    rf"[^。？?！!]{{0,4}}{_CHANGE}|(?:标准|津贴|补贴|养老金|金额)[^。？?！!]{{0,6}}(?:还会|会不会|会再|还能再|会继续)[^。？?！!]{{0,4}}"
    rf"{_CHANGE}|涨不涨")  # not "养老院会不会涨价", "申请了会不会降低待遇": what happens to one case
_ASKS_OLD = re.compile(r"老的|旧的|老版|旧版|原来的|以前的|之前的|过去的|上一版|那一?版"
                       r"|(?:19|20)\d{2}\s*年(?:的时候|那会儿?|那时候?|当时)")  # "2022年那会儿…是啥标准"
# an office named with its place ("阳朔县民政局", "五里牌街道办事处"): its own phone or address is asked for
_LEVEL = ("省", "市", "县", "区", "旗", "镇", "乡", "街道")
_NAMED_OFFICE = re.compile(r"([\u4e00-\u9fa5]{1,6}?(?:" + "|".join(_LEVEL) + r"))的?(?:[\u4e00-\u9fa5]{0,8}?(?:服务中心|受理中心)"
                           r"|民政局|民政厅|民政所|民政办|人民政府|政府|办事处|社保局|医保局|卫健委|卫健局|老龄办)")
# words before a level that name no place ("应该找县民政局", "去区政府"): the office of no named place
_NO_PLACE = re.compile(r"^(?:我们|咱们|我|俺|咱|他|她|应该|应当|需要|可以|是|要|得|去|到|找|问|向|给|打给|打|联系|在|上|的)+")


def named_office(text: str, lex: Lexicon) -> tuple[str, str]:
    """The office of a named place the question asks for ("阳朔县民政局电话多少" → ("阳朔县民政局", "阳朔县")): the place
    from a name the lexicon knows, else the words before the level without asking words ("应该找县民政局" names no
    place); ("", "") when there is none."""
    places: list[tuple[int, str, str]] | None = None  # matched once, and only when an office is named
    for m in _NAMED_OFFICE.finditer(text):
        places = place_matches(text, lex) if places is None else places
        start, end = m.span(1)
        known = [i for i, alias, _ in places if start <= i and i + len(alias) <= end
                 and text[i + len(alias):end] in ("", *_LEVEL)]
        asking = _NO_PLACE.match(text[start:end])
        place_start = min(known) if known else start + (asking.end() if asking else 0)
        if end - place_start >= 2 and text[place_start:end] not in _LEVEL:
            return text[place_start:m.end()], text[place_start:end]
    return "", ""


# the national level asked: 法律 is a law of the NPC, not a local 法规 (法律援助 is a service); a 实施意见 is a province's
# or a city's, implementing the national 意见
_NATIONAL = re.compile(r"国家|中央|全国|国务院|(?<!实施)意见》?|法律(?!援助|服务)")
# a document named by its kind: "意见里", "这份方案", "条例规定", "《…法》", "按照…办法"
DOC_KINDS_NAMED = ("意见", "方案", "条例", "办法", "规划", "措施", "细则", "规定", "通知", "法")
_NAMED_DOC = re.compile(
    r"(?:这份|这个|该|本|那份)(意见|方案|条例|办法|规划|措施|细则|通知|法)"
    r"|(意见|方案|条例|规划)(?=里|中|上|提出|规定|要求|明确|说|对|第|》)"
    r"|(办法|措施|细则|通知)(?=里|中|第|》)"  # also common nouns ("有什么措施对…"): only where a text is meant
    r"|(?<![办方说想看做])(法)(?=》|里|中|规定|第[一二三四五六七八九十百]+条)"
)
# "<document> 要求/规定/提出 …": the verb is the document speaking, not what the question is about
_DOC_SPEECH = re.compile(r"((?:意见|方案|条例|办法|规划|措施|细则|通知|法|》)(?:里|中|上)?)(?:要求|规定|提出|明确|指出|说的|说)")


# "按国家法律…", "从法律上讲…": where the answer is to come from, not what it is about (法律 would match
# "受法律保护" rather than the clause asked for)
_SOURCE_FRAME = re.compile(r"(?:按|按照|依照|根据|依据)(?:国家|我国|现行)?的?(?:法律|法规|规定|政策)(?:规定|来说|来讲|上)?"
                           r"|从?法律上(?:讲|说|来说|来讲)?")


# "户口在赤峰": where the elder is registered, said as the asker's place (the place stays, the words go)
_REGISTERED_IN = re.compile(r"(?:户口|户籍)(?:一直|都|也|还)?(?:在|是|落在)")
_REGISTERED_AFTER = re.compile(r"的?(?:户口|户籍)(?![簿本证])")  # 惠民县户口 (not 户口簿)


def _without_registration(text: str, lex: Lexicon) -> str:
    """`text` without "户口在" before, or "户口" after, the one place it names ("户口在惠民县", "惠民县户口"): that
    tells where the elder lives, not what is asked. With two places ("户口在河南,人在杭州") the 户籍 is what the
    question turns on, and stays."""
    if len(find_regions(text, lex)) != 1:
        return text
    for m in reversed(list(_REGISTERED_IN.finditer(text))):
        if any(start == 0 for start, _a, _r in place_matches(text[m.end() : m.end() + 12], lex)):  # a place right after
            text = text[: m.start()] + " " + text[m.end() :]
    for start, alias, _region in reversed(place_matches(text, lex)):
        end = start + len(alias)
        if m := _REGISTERED_AFTER.match(text, end):
            text = text[:end] + " " + text[m.end() :]
    return text


# "那什么时候报 找谁报": 报 alone is applying, as families say it (not 报名, 报销, 报告, 报到 of other words)
APPLY_SAID = re.compile(r"(?:什么时候|啥时候|哪天|几月|找谁|去哪儿?|哪里|到哪儿?)报(?![名销告道到案警表])")
APPLY_WORDS = " 申请 申报"  # the documents' words for it


_MONEY_OF = re.compile(r"([\u4e00-\u9fa5]{2})的钱")
_NOT_A_SERVICE = frozenset({"多少", "这个", "那个", "自己", "我们", "你们", "他们", "她们", "老人", "国家", "政府", "补贴",
                            "家里", "子女", "儿女", "个人", "单位"})


def search_text(text: str, lex: Lexicon) -> str:
    """What is searched for: the question with families' words mapped to the documents' words (and 报 alone
    read as applying), the verbs by which it quotes a document ("条例规定…", "意见提出…"), the phrases naming
    where the answer is to come from ("按国家法律"), "户口在" before the elder's place and a group the elder is not in
    ("不是低保") left out."""
    plain = _without_registration(_SOURCE_FRAME.sub(" ", _DOC_SPEECH.sub(r"\1", text)), lex)
    # (a group the elder is said not to be in, "家里不是低保", is not put in the documents' words: its clauses, 最低生活
    # 保障…每餐补贴5元, are not the asker's)
    masked = NOT_OF_GROUP.sub(" ", plain)
    searched = plain + expand_synonyms(masked, lex)[len(masked):]
    # "要带啥东西去", "咋补办 要准备啥": papers asked for, which documents call 材料 ("## 申请材料")
    if _WANTS_MATERIALS.search(text) and "材料" not in searched:
        searched += " 材料"
    # "评估的钱是不是得我们自己掏": the money of a service is its fee as documents write it (评估费, 护理费)
    # (who pays it, not how much it is: "护理的钱一个月到底好多" is answered by the sum, which a 费用 clause may not state)
    fees = [m.group(1) + "费" for m in _MONEY_OF.finditer(text) if m.group(1) not in _NOT_A_SERVICE
            and m.group(1)[-1] not in "别他其这那些" and not _AMOUNT.search(text)]
    searched += "".join(f" {f}" for f in dict.fromkeys(fees) if f not in searched)
    return searched + APPLY_WORDS if APPLY_SAID.search(text) else searched


# "…今年68了 也能免费坐吗": the same as what was just answered, for someone else
_ALSO = re.compile(r"也(?:能|可以|行|算|有|要|享受|适用|一样)"
                   r"|还(?:要|得|需要)另外|另外(?:还|要|需要|得)")  # "我妈是低保户 还要另外带什么": on top of what was said
# (or goes on from what the last message told: "回来咋申请报销" after "…出院时候没法直接结算", "然后呢")
_FOLLOW_UP_START = re.compile(r"^(那|那么|还有|另外|再问|如果|要是|她|他|它|这|那个|这个|同样|也|回来|回头|然后|之后|以后|接着|后来)")
# the words that only join a follow-up to the conversation ("那", "那么", "还有"): no part of what is asked
# ("那要准备啥材料" asks "要准备啥材料"; "那个养老院", "那边" keep theirs)
CONNECTIVE = re.compile(r"^(?:那么|那(?![个些种里边样儿])|还有就是|还有|另外|再问一下|再问|请问)[,，、\s]*")


@dataclass
class Query:
    """A user's message understood: the text to search, places named, and intent flags."""

    text: str
    search: str  # text plus the documents' words for colloquial ones
    regions: list[str] = field(default_factory=list)
    injection: bool = False
    medical_legal: bool = False  # medical advice or a legal opinion on a case: always declined
    legal: bool = False  # a legal matter: answered only from a law or regulation
    asks_amount: bool = False
    asks_money: bool = False  # the amount asked is money (钱, 元, 补多少), not another standard (面积, 比例)
    claimed_amounts: list[str] = field(default_factory=list)
    asks_process: bool = False  # how to apply / who decides: answers add a next step
    focus: str = ""  # the user's latest message when `text` also carries earlier turns
    wants: str = ""  # number / contact / materials / penalty / who / procedure / list / meta (a document's dates and numbers) / ""
    national: bool = False  # asks about the national position explicitly
    asks_date: bool = False  # "when?" (of the latest message, if a follow-up): the answer should carry a date
    asks_end: bool = False  # …when something ends: the date must end something (截止, 至…, …前), not date a report
    asks_share: bool = False  # a share (百分之多少): the answer must hold one
    asks_hours: bool = False  # the hours or days something is open or comes ("几点到几点")
    asks_start: bool = False  # the day something begins ("啥时候开始按新标准发")
    named_kinds: list[str] = field(default_factory=list)  # kinds of document the question names ("意见里")
    asks_definition: bool = False  # "…是指什么/才算…": the clause that defines the term answers
    wants_term: bool = False  # who or what a term covers ("什么样的家庭能申请低保?", "养老服务包括哪些?")
    names_in: str = ""  # the text whose named documents count: a follow-up naming a new place ("新疆呢?")
    asked_year: int | None = None  # the year of a program or version asked for ("2024年的", "2025年度的")
    asks_old: bool = False  # an earlier version is asked for ("2019年那个老的办法")
    asks_changed: bool = False  # a change already made is asked about ("2025年涨了多少", "跟今年一样不")
    compares: bool = False  # places or versions set side by side ("跟下陆区一样吗")
    asks_lasting: bool = False  # how long a card, a result or a voucher lasts ("优待证能用几年"): its term answers
    asks_future: bool = False  # a change still to come is asked for ("明年还会涨吗")
    asks_period: bool = False  # how long something takes ("多久能拿到")
    asks_count: bool = False  # how many times ("一个月最多能补几次")
    asks_address: bool = False  # a street and number asked ("鲁史镇那个在哪条街")
    asks_measure: str = ""  # the unit of a measured quantity asked ("多少个课时" → 课时), a key of MEASURES
    asks_ceiling: bool = False  # the most that may be given ("一年最多补多少"): a ceiling answers first
    asks_age: bool = False  # an age ("男的女的分别是多少岁")
    count: tuple[int, str] | None = None  # a count the asker states of what a rule grades by ("床位打算放15张")
    office: tuple[str, str] = ("", "")  # an office named with its place, and the place ("阳朔县民政局", "阳朔县")
    # leaves behind the document an earlier turn named
    latest: str = ""  # the latest message as written (no earlier turns, no added words of the lexicon)


def expand_synonyms(text: str, lex: Lexicon) -> str:
    """Append the documents' words for colloquial ones found in `text` (longest match first)."""
    extra: list[str] = []
    rest = text
    for key in sorted(lex.synonyms, key=len, reverse=True):
        if key in rest:
            rest = rest.replace(key, " ")
            extra += [w for w in lex.synonyms[key] if w not in extra and w not in text]
    return text + (" " + " ".join(extra) if extra else "")


# the kinds of answer a question asks for, by the words that ask for them; the first that matches decides
# (a question for a document's dates is "meta" even when it says 多少; one for a phone number is "contact")
INTENTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("meta", _META),  # a document's 文号, dates, validity
    ("contact", _WANTS_CONTACT),  # a phone number, an address
    ("materials", _WANTS_MATERIALS),  # the papers to bring
    ("penalty", _WANTS_PENALTY),  # what happens to who breaks a rule
    ("number", _WANTS_NUMBER),  # a figure, a date, how often
    ("who", _WANTS_WHO),  # who is eligible
    ("procedure", _WANTS_PROCEDURE),  # how to apply, where, which office
    ("list", _WANTS_LIST),  # what is provided
)
# a follow-up's topic is what is left without the words asking for a kind of answer, removed in this order
_ASKING_WORDS = ("meta", "contact", "materials", "penalty", "who", "procedure", "amount", "number", "list")


def wants_of(text: str) -> str:
    """The kind of answer `text` asks for (the first of INTENTS whose words it uses); "" asks for a rule or
    whether there is one."""
    return next((kind for kind, pattern in INTENTS if pattern.search(text)), "")


def lasting(text: str) -> bool:
    """Whether `text` asks how long a thing the elder holds lasts (a card, a result, a voucher), not a document."""
    return bool(_THING_LASTS.search(text)) and not _DOCUMENT_NOUN.search(text)


_THING = re.compile(r"(?:证|卡|券|结果|结论|资格|等级)")


def lasting_thing(text: str) -> str:
    """A pattern of the thing whose term a question asks ("优待证能用几年" → 待证, the last two characters of its name,
    enough to tell it from another card; an assessment's 结果 is also its 结论), or "" when it names none."""
    m = _THING_LASTS.search(text)
    if not m or not (t := _THING.search(m.group())) or t.start():
        return ""
    if t.group() in ("结果", "结论"):
        return "结果|结论"
    word = text[: m.start() + t.end()]
    return re.escape(word[-2:] if len(t.group()) == 1 else t.group())


def questions_in(text: str) -> list[str]:
    """The questions a message asks one after another ("最晚什么时候申请复核？多少个工作日内作出决定？"), each ending
    at its question mark; one piece when it asks one."""
    return [p for p in re.split(r"(?<=[?？])", text) if p.strip()]


def _first_asked(text: str) -> str:
    """The first of several questions a message asks ("…怎么收费？…要付配送费吗？需要凭什么证件？"): the 结论 answers
    it, the others follow; one question is itself."""
    parts = questions_in(text)
    return parts[0] if len(parts) > 1 and wants_of(parts[0]) else text


def measure_asked(text: str) -> str:
    """The unit of a measured quantity `text` asks ("要培训多少个课时" → 课时, "多少平米" → 平方米), or ""."""
    if not (m := _WANTS_MEASURE.search(text)):
        return ""
    return next(unit for unit, written in MEASURES.items() if re.fullmatch(written, m.group(1)))


def _kind_of(text: str) -> str:
    """`wants_of`, except that how long a card or a result lasts, or when cover starts, is no question about a
    document ("优待证有效期几年", "参保的从何时起生效" ask a figure or a date, not the notice's 有效期 or 施行)."""
    kind = wants_of(text)
    if kind == "meta" and (lasting(text) or (_COVER_RUNS.search(text) and not _DOCUMENT_NOUN.search(text))):
        return "number"
    return kind


def asks_own(text: str) -> bool:
    """Whether a message states what it wants to know (材料? 找谁? 多少?), rather than only naming another
    topic ("那家庭养老床位呢?", which asks the same as before)."""
    return bool(wants_of(text) or _AMOUNT.search(text) or _PROCESS.search(text))


# words of a question that name no topic of their own ("国家", "文件", "政策")
GENERIC_TERMS = frozenset({"国家", "全国", "意见", "方案", "实施方案", "规定", "文件", "政策"})
# the nouns that name the kind of answer wanted, left over when its asking words are taken out ("材料" of 要准备啥材料)
KIND_NOUNS = frozenset({"材料", "证件", "证明", "电话", "地址", "手续", "流程", "部门", "时间", "时候", "标准", "处罚",
                        "罚款", "条件", "东西"})  # 东西 of 要带啥东西: the papers
# the nouns of the asking words, which name what the answer is about ("材料" of 要啥材料, "老年人" of 哪些老年人,
# "服务" of 提供什么服务, "每月" of 每月多少): they keep their weight where the verbs and question words of the
# asking lose theirs
ASKED_NOUNS = KIND_NOUNS | {"老年人", "老人", "家庭", "对象", "人员", "服务", "项目", "内容", "待遇", "支持", "帮助", "保障",
                            "每月", "每年", "每季", "每天", "每日", "每餐", "每次", "每人", "一个月"}
# words that place the question in time from where the asker stands ("今年", "以前", "现在"): no topic, though some
# documents write them ("目前", "今后")
NOW_WORDS = frozenset({"今年", "去年", "明年", "前年", "后年", "现在", "目前", "当前", "如今", "以前", "之前", "从前", "原来",
                       "以后", "之后", "今后", "将来", "过去", "当时", "最近", "近期", "刚才", "今天", "昨天", "明天"})
# words that press a question ("具体能补多少钱", "到底一个月发多少"): nothing new asked in a follow-up
FILLER_WORDS = frozenset({"具体", "到底", "究竟", "大概", "大约", "一共", "总共", "真的", "实际上", "麻烦"})
# words that hedge what the asker heard ("听说有奖励", "好像有补贴"): they name no program
HEDGE_WORDS = frozenset({"听说", "据说", "听人说", "好像", "似乎", "可能", "也许", "估计", "说是"})
# a count ("一个" of 一个月, "一户", "每个"): no word of a topic
COUNT_WORD = re.compile(r"[一二两三四五六七八九十几每]+[个户次件份项位名回趟]")
# the time a figure is asked per ("一天多少钱", "一年交多少"): no topic of a follow-up
PER_TIME = re.compile(r"[一每]个?(?:天|日|月|年|季度?|周|星期|小时)")


# "whether" asked: words of asking, no topic
_WHETHER = re.compile(r"有没有|有冇|能不能|可不可以|是不是|会不会|要不要|行不行|能否|是否|可以吗|能吗|行吗")
# a question answered yes or no ("这两个能一块拿吗"): it says what it wants to know, whatever was asked before
_YES_NO = re.compile(_WHETHER.pattern + r"|吗\s*[？?]?\s*$|(?<![要若可但还就总倒于])是[^，,。？?]{1,12}还是")  # "是打给我们还是给机构",
# not "要是…还是" (if…still)


def asks_when(text: str) -> bool:
    """Whether `text` asks when (什么时候, 几号, 截止…)."""
    return bool(_WANTS_DATE.search(text))


def asks_how_long(text: str) -> bool:
    """Whether `text` asks how long (多久, 几个工作日, 多长时间…)."""
    return bool(_WANTS_PERIOD.search(text))


def asking_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` only says what kind of answer it wants ("准备啥材料", "怎么申请", "多少钱", "有没有"), as
    (start, end) offsets."""
    patterns = [*(pattern for _kind, pattern in INTENTS), _AMOUNT, _WHETHER, _WANTS_START]
    return [m.span() for pattern in patterns for m in pattern.finditer(text)]


def asked_about(text: str) -> str:
    """What `text` asks about: its topic (topic_of) without the words that ask whether ("有没有")."""
    return _WHETHER.sub(" ", topic_of(text))


# what the asker already has, set aside ("除了基础运营补贴每个人每月还能多拿多少"): not what is asked about
_SET_ASIDE = re.compile(r"除了[^，,。？?；;]*?(?:以外|之外|外|还|[，,])")


def set_aside(text: str) -> str:
    """`text` without what it sets aside ("除了基础运营补贴…还能多拿多少" → "…还能多拿多少")."""
    return _SET_ASIDE.sub(" ", text)


def topic_of(text: str) -> str:
    """`text` without the words that say what kind of answer it wants: the topic a follow-up carries on."""
    patterns = {**dict(INTENTS), "amount": _AMOUNT}
    for kind in _ASKING_WORDS:
        text = patterns[kind].sub(" ", text)
    # what the asking words leave behind alone ("要", "钱", "一户" of "要准备啥材料", "一户补多少钱") is no topic
    pieces = [x for x in text.split() if len(x) >= 2 and not COUNT_WORD.fullmatch(x) and x not in KIND_NOUNS]
    return " ".join(pieces)


def analyze(text: str, lex: Lexicon, focus: str = "") -> Query:
    """Understand one self-contained question (`focus`: the latest message of a rewritten follow-up; when
    it says what it wants to know, that decides the kind of answer, not the earlier turns)."""
    t = text.strip()
    latest = search_text(focus, lex) if focus and focus != t else ""
    own_place = find_regions(focus, lex) if focus else []
    names_in = focus.strip() if own_place else t
    # a yes/no or choice question ("这两个能一块拿吗") asks its own thing too, not the earlier turn's "多少"
    asking = focus.strip() if focus and (asks_own(focus) or _YES_NO.search(focus)) else t
    latest_raw = focus.strip() if focus and focus != t else t
    return Query(
        focus=latest,
        text=t,
        search=search_text(t, lex),
        regions=own_place or find_regions(t, lex),
        injection=bool(INJECTION.search(t)),
        medical_legal=bool(_MEDICAL.search(t) or (_LEGAL.search(t) and _LEGAL_OPINION.search(t))),
        legal=bool(_LEGAL.search(t)) and not _BENEFIT_ASKED.search(t),
        asks_amount=bool(_AMOUNT.search(asking)),
        # ("我阿公91岁了 一个月有多少" after the 高龄津贴: the sum of the topic the follow-up goes on with)
        asks_money=bool(_ASKS_MONEY.search(asking) or (_AMOUNT.search(asking) and _ASKS_MONEY.search(t))),
        claimed_amounts=[m.group(0).replace(" ", "") for m in _CLAIMED_AMOUNT.finditer(t)],
        asks_process=bool(_PROCESS.search(asking)),
        wants=_kind_of(_first_asked(asking)),
        national=bool(_NATIONAL.search(t)),
        asks_date=bool(_WANTS_DATE.search(latest or t)),
        asks_end=bool(_WANTS_END.search(latest or t)),
        asks_share=bool(_WANTS_SHARE.search(latest or t)),
        asks_hours=bool(_WANTS_HOURS.search(latest or t)),
        asks_start=bool(_WANTS_START.search(latest or t)),
        named_kinds=sorted({k for m in _NAMED_DOC.finditer(names_in) for k in m.groups() if k}),
        asks_definition=bool(_WANTS_DEFINITION.search(latest or t)),
        wants_term=wants_of(asking) == "who" or bool(_WANTS_EXTENT.search(asking)),
        names_in=names_in,
        asked_year=int(y.group(1)) if (y := _ASKED_YEAR.search(latest_raw)) else None,
        asks_old=bool(_ASKS_OLD.search(latest_raw)),
        asks_changed=bool(_ASKS_CHANGED.search(latest_raw)),
        compares=bool(_COMPARES.search(latest_raw)),
        asks_lasting=lasting(asking),
        asks_future=bool(ASKS_FUTURE.search(latest_raw)),
        asks_period=bool(_WANTS_PERIOD.search(latest or t)),
        asks_count=bool(_WANTS_COUNT.search(latest or t)),
        asks_measure=measure_asked(latest or t),
        asks_address=bool(_WANTS_ADDRESS.search(latest or t)),
        asks_ceiling=bool(_WANTS_CEILING.search(latest or t)),
        asks_age=bool(_WANTS_AGE.search(latest or t)),
        count=stated_count(latest_raw),
        office=named_office(latest_raw, lex),
        latest=latest_raw,
    )


def looks_like_follow_up(text: str, content_terms: int) -> bool:
    """A message that leans on the conversation ("那新疆呢?", "她能去哪类养老机构?")."""
    t = text.strip()
    ends_with_ne = t.rstrip("?!.\uff1f\uff01\u3002 ").endswith("\u5462")  # ...呢 / 呢? / 呢？
    return bool(_FOLLOW_UP_START.match(t)) or ends_with_ne or content_terms <= 1 or bool(_ALSO.search(t))
