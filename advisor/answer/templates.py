"""What the advisor says in its own words (not quoted from a document), in one place: its answers, the web
page's labels, and every message a person reads from the `advisor` command, the ingest and provider import
reports, the generative mode's check and the evaluation report. Texts that take values are format strings; their
fields are named. Vocabulary used to recognise text stays with the code that reads it (tests/test_templates_only.py
says where the line is)."""

from __future__ import annotations

SYSTEM_ERROR = "抱歉,系统暂时出错了,请稍后再试。"  # the page could not answer (logged in English)
EMPTY_MESSAGE = "请输入您想咨询的问题,例如:“我妈82岁,在清远,失能了,能享受什么服务?”"

# emergencies come before any policy: the number to call first, then what the documents say, if anything
EMERGENCY = {
    "120": "⚠️ 这可能是紧急情况:请立即拨打120急救电话,或尽快送医院就医。",
    "110": "⚠️ 如果老人正处在危险中,请立即拨打110报警;有人受伤请同时拨打120。",
    "mind": ("⚠️ 如果老人说想不开、不想活了,请不要让他(她)独处,立即拨打120或110;"
             "也可以拨打心理援助热线12356。"),
}
EMERGENCY_THEN_POLICY = "以下是养老政策方面可供参考的内容:"
MEDICATION_DECLINED = ("用药的品种和剂量必须由医生根据病情决定,我不能提供用药建议。"
                       "请咨询医生或药师;如果症状严重,请立即拨打120。\n"
                       "我能回答的是收录的养老政策文件里的问题,例如补贴、护理服务和怎么申请。")

SMALL_TALK = {
    "greeting": "您好!我是养老顾问,可以根据收录的养老政策文件回答问题。",
    "thanks": "不客气!还有其他问题,随时问我。",
    "identity": "我是养老顾问:一个根据收录的养老政策文件回答问题的助手,每个回答都注明出处。",
    "bye": "再见!祝老人家身体健康。",
}
WHAT_I_CAN_DO = ("您可以问我:补贴怎么申请、谁能享受、能享受哪些服务、附近有哪些养老机构等,"
                 "例如:“我妈82岁,在清远,失能了,能享受什么服务?”")

LONG_MESSAGE_QUESTION = "(您的消息较长,我回答的是其中的问题:“{question}”)"
LONG_MESSAGE_CUT = ("(您的消息有{length}字,超过了{limit}字的上限:我读取了前{limit}字来了解老人的情况,"
                    "回答的是最后的问题:“{question}”)")

READ_AS = "(按{words}理解)"  # sound-alike typos read as the documents' words
# a follow-up answered by the very clause just quoted: the part of it that answers the new question
SAME_CLAUSE = "上一条回答引用的{where}已经写明:{span}[1]"  # a 结论
# a follow-up about something the documents do not state either, after a refusal
ALSO_NOT_STATED = "关于“{question}”,收录的政策文件同样没有写明。"
# a table row read with its header: "80周岁以上:轻度失能 每人每月150元;中度失能 每人每月300元"
TABLE_ROW = "{first}:{cells}"
TABLE_CELL = "{head} {cell}"
TABLE_CELL_SEP = ";"
# ---------------------------------------------------------------- the parts of an answer (advisor.answer.render)
CONCLUSION_HEAD = "结论:"
NOTE_HEAD = "注意:"
NEXT_STEP_HEAD = "下一步:"
ITEM_INDENT = "  "  # a list item quoted under the 结论
POINT = "· {source}:{text}[{n}]"  # one clause under 依据
CONCLUDED = "根据{source},{text}[{n}]"  # the 结论 quoting its clause
NOTICE = "提示:以上内容摘自政策原文,具体能否享受、怎么办理,以当地民政部门的认定为准。"
GENERATED_NOTICE = ("提示:以上是根据政策原文整理的通俗解释,每句话后的编号对应下方引用的原文,已逐句核对;"
                    "具体能否享受、怎么办理,以当地民政部门的认定为准。")  # the generative mode's answers
LEGAL_NOTE = "提示:以上是法律条文的原文;具体纠纷怎么处理,请咨询律师或当地法律援助机构(可依法申请法律援助)。"
# a refusal: why, what the documents cover, the closest clause (if any), whom to ask
REFUSAL_COVERED = "目前资料库收录的是{covered}文件。"
REFUSAL_ADVICE = "建议向当地民政部门或乡镇(街道)、村(社区)咨询。"
COVERED = "国家层面{more}的养老服务政策"  # what the documents cover: 国家层面以及广东省清远市、…的养老服务政策
COVERED_MORE = "以及{regions}"
# why nothing is concluded, by the kind of refusal (the `refusal` of an AnswerDraft)
REFUSALS = {
    "injection": "抱歉,我只能根据收录的养老政策文件回答问题,不能更改这些规则,也不会透露内部设置。",
    "medical": "抱歉,我不能提供医疗或法律方面的具体意见,这超出了养老政策文件的范围。请咨询医生或律师。",
    "legal": "抱歉,收录的法律法规没有直接回答这个法律问题,我不能提供具体的法律意见。请咨询律师或当地法律援助机构。",
    "not_found": "抱歉,收录的政策文件中没有找到能回答这个问题的内容。",
    "no_region": "抱歉,资料库中没有{region}的养老政策文件,无法告诉您当地的具体规定。",
    "claimed_amount": "需要更正:收录的政策文件中没有“{amount}”这样的规定,文件里也没有写明具体发放金额。",
    "no_amount": "收录的政策文件没有写明具体金额或发放标准,通常由当地制定。",
    "no_benefit_amount": "收录的政策文件没有写明{benefit}的具体金额或发放标准。",
    "no_fee": ("收录的政策文件没有写明具体的收费金额;收费一般由机构按当地规定定价,"
               "可向机构或当地民政部门询问。"),
    "not_stated": "收录的政策文件没有写明{what}。",  # 材料, 电话, 部门, 日期…: NOT_STATED names it
    # "85岁的每月多少?" where the clause says the standard is published later and gives sums for other ages only
    "set_later": "文件写明具体标准另行公布,没有写明{age}岁老人能领多少。",
    # "低保边缘户…补贴多少?" where the clause lists whom it is for and that group is not among them
    "no_group": "收录的文件列出的享受对象中没有{group},没有写明这类老人能领多少。",
    # "低保老年人看普通门诊能救助多少" where the sentence of that sum names 特困老年人 only
    "other_group": "找到的条款中,这一项写的是{others},没有写明{group}的标准。",
    # "要是评上四星级 一年补多少" where the document's table stops at 三星级
    "no_grade": "收录的文件列出的等级中没有{grade},没有写明这一等级的补助标准。",
    # "研究生…入职奖励是多少" where the clause grades it by 本科 / 专科 / 中职 (and 职业技能等级 alike)
    "no_rank": "收录的文件列出的{family}中没有{rank},没有写明{said_as}的补助标准。",
    # "我妈72 家里是低保边缘户…每个月多少" where the 低保边缘 row is for 80 and over
    "group_too_young": "收录的文件写明{group}中{youngest}周岁以上的老年人才能领,{age}岁还不在其中,没有写明这个年龄能领多少。",
    # "我爸72 一个月能领多少" of a 高龄津贴 from 80: who may have it, named with the clause that says so
    "too_young": "收录的文件写明{benefit}的享受对象是{youngest}周岁以上的老年人,{age}岁还不在其中,没有写明这个年龄能领多少。",
    # "新建养老院每张床位给多少建设补贴?" where the clause gives the 建设补助 of 家庭养老床位
    "other_facility": "收录的政策文件没有写明{facility}的{benefit}标准。",
    # "家庭养老床位运营补贴每月多少?" where the clause on it leaves the standard to a later text
    "program_set_later": "文件写明{program}的具体标准由有关部门另行制定,收录的文件中没有具体金额。",
    # "2024年的…" when the document found is of 2025 (a yearly notice) or "2019年那个老的办法" of a later version
    "other_year": "资料库中的《{title}》是{has}的文件,没有{year}年的规定。",
    # "2028年的目标是多少" of a plan whose targets are for 2025, 2030 and 2035
    "between_targets": "《{title}》只写了{has}的目标,没有写{year}年的。",
    # "凤庆雪山镇有没有老年助餐点" where the list names other towns' points and no document names 雪山镇
    "no_town": "收录的文件中没有写到{town},没有{town}的相关内容。",
    # "上海有没有家庭照护床位?" where only 山东省's documents speak of it
    "not_here": "收录的{here}的文件中没有关于“{topic}”的规定;资料库里只有{there}的文件写到了它,不适用于{place}。",
}
NATIONAL_FOR_REFERENCE = "国家层面的规定可供参考:{span}(见{source})"  # a place without documents
RELATED_CLAUSE = "文件中相关的规定是:{span}(见{source})"
# notes on the clauses quoted
FOREIGN_ONLY_THERE = "以上有{regions}的规定,只适用于当地,不一定适用于您所在的地区。"
FOREIGN_ASK_REGION = "以上引用了{regions}的地方规定;告诉我您在哪个地区,可以给出更准确的答复。"
NEWER_VERSION = "引用的《{title}》有较新的版本:{newer},请以新版本为准。"
# a question about a document itself: its facts, and its other versions
META_CONCLUSION = "{source}{facts}。当前状态:{status}。"
META_FACT_SEP = ","
META_FACTS = {  # in this order, each where the document has it
    "doc_number": "文号{value}",
    "adopted": "{value}通过",
    "approved": "{value}批准",
    "amended": "{value}最近一次修正(现行文本)",
    "published": "日期{value}",
    "effective": "自{value}起施行",
    "expiry": "有效期至{value}",
}
META_OTHER_VERSION = "资料库中还有《{title}》的另一版本({date}),"
META_SUPERSEDED = "已被修订/替代,新版本为{newer}。"
META_NEWER = "是较新的版本,请以它为准。"
DATE_NOT_STATED = "日期未标明"
# a fact about a document (its 文号, when it takes effect) and where the document says it
META_SOURCE = "· {label}:{where}写明“{span}”[{n}]"
META_WHOLE = "原文"  # …where the sentence has no article of its own
NOTHING_NEW = ("关于“{question}”,收录的文件没有比上一条回答更具体的规定。\n"
               "文件中相关的规定仍是:{span}(见{where})")  # a follow-up the documents say nothing new about
CHECKLIST_LEVELS = ("说明:逐条对照的规则里还没有{region}的地方规定,以下只按{levels}的文件对照;"
                    "当地的具体规定请向当地民政部门咨询。")  # an eligibility checklist for a place without its own rules
# checklists: a 户籍 still to confirm where the family named the place; the level of a national rule; a long
# list cut short; the amounts line when some document states an amount
CONFIRM_RESIDENCE = "需确认:{facts}(您说老人在{place})"
NATIONAL_RULE_LEVEL = "国家"
AND_MORE = "等{n}项"
AMOUNTS_STATED = "金额和具体标准:写明了标准的,按上面所列;没有写明的,由当地确定。"
AMOUNTS_NOT_STATED = "金额和具体标准:以上文件都没有规定具体金额,由当地确定。"
DECIDER_NOTICE = ("以上只是按文件条文做的初步对照,不是审批结论;能否享受、享受什么标准,"
                  "以当地民政部门(及相关部门)的审核认定为准。")
NO_REGION_YET = "您还没有告诉我老人户籍或常住在哪个地区。下面只按全国性文件对照;告诉我地区后,我再加上当地文件的规定。"
CHECKLIST_INTRO = "根据您提供的情况({profile}),按政策文件逐条对照如下:"
CHECK_HEAD_POSSIBLE = "一、可能符合的服务和待遇:"
CHECK_HEAD_GENERAL = "二、面向所有老年人的服务(不设特别条件):"
CHECK_HEAD_GENERAL_BRIEF = "二、面向所有老年人的服务:"  # …followed by their names
CHECK_HEAD_PENDING = "三、还需要补充信息才能判断的:"
CHECK_HEAD_UNMET = "四、按目前信息不符合的(情况变化后可再对照):"
CHECK_NEXT_STEP = ("下一步:文件没有写明向哪个部门申请的,可先向所在社区(村)、乡镇(街道)或当地民政部门咨询申请办法;"
                   "涉及失能等级的,先申请老年人能力评估。")
CHECKLIST_NOTHING = "按目前的信息,没有找到可能符合的条文。"
CHECKLIST_LINES = {  # the lines of a checklist answer, by what they say
    "item": "{i}. {name}:{benefit}[{n}]",
    "basis": "   依据:{source};原文:“{quote}”",
    "amount": "   标准:{amount}。",
    "explain": "   说明:{note}",
    "validity": "   注意:该文件{validity}。",
    "next": "   下一步:{step}",
    "general": "- {name}:{benefit}[{n}]{flag}",
    "general_validity": "(注意:该文件{validity})",
    "shared_note": "说明:{note}。",
    "pending": "- {name}({source})[{n}]:需要确认{missing}。",
    "ask": "请告诉我:{asks}。",
    "unmet": "- {name}({source}):不满足“{why}”。",
    "unmet_any": "条件",
    # an item's next step and a plan's validity
    "next_unmet": "按目前信息不符合该条文;情况变化(如经评估失能、被认定为低保/特困)后可再对照。",
    "next_ask": "请补充:{ask};确认后再对照。",
    "next_apply": "向{office}提出申请。",
    "next_unknown_office": "文件未写明向谁申请,可向所在社区(村)或乡镇(街道)、当地民政部门咨询申请办法。",
    "plan_ended": "规划期已结束(至{end}),文件未写明有效期,请向当地确认是否仍在执行",
}
PRINTED_CHECKLIST = {  # the staff's printable checklist (Markdown)
    "title": "# 养老服务资格初筛清单",
    "profile": "- 老人情况:{profile}",
    "no_region": "- **未提供地区:只对照了全国性文件,请补充地区后重新筛查。**",
    "result": "- 结果:",
    "count": "{status} {n} 项",
    "count_sep": ",",
    "benefit": "  - 内容:{benefit}",
    "amount": "  - 标准:{amount}",
    "apply_to": "  - 申请:{apply_to}",
    "missing": "  - 待补充:{missing}",
    "note": "  - 说明:{note}",
    "validity": "  - 文件效力:{validity}",
    "flag": " ⚠",
    "quote": "  - 原文:“{quote}”({doc})",
    "next": "  - 下一步:{step}",
    "met": "✔ 满足",
    "unmet": "✘ 不满足",
    "unknown": "? 待确认",
}
# the chat's checklist shows a few items; the full one is the web page's 我能享受什么 tab (printable)
MORE_ITEMS = "(另有{n}项可能符合:网页“我能享受什么”一栏可逐条查看并打印完整清单)"
# the asker's place has no document of its own; the answer comes from the places above it
LOCAL_MISSING = "说明:资料库中没有{place}的专门文件,以下是{levels}适用的规定。"
# the checklist has no rule of the elder's place, but the place's own documents answer the question
LOCAL_CLAUSE = "{region}的文件中与您的问题最相关的规定:根据《{title}》{article},{text}[1]"
AMOUNT_BY_RULE = "说明:文件没有写明具体的钱数,规定的是下面的标准。"  # "多少钱?" answered by 全额 / 不超过…标准
# what the documents do not state, by the kind of answer asked for ("收录的政策文件没有写明{…}。")
NOT_STATED = {"contact": "联系电话或地址", "materials": "需要准备的材料", "number": "具体数字或日期",
              "procedure": "具体的申请办法或受理部门", "deadline": "截止日期或期限",
              "share": "具体的比例", "validity": "有效期或失效日期", "revision": "之后是否修订过",
              "future": "今后是否调整、调整到多少", "age": "具体的年龄", "date": "具体的时间或日期",
              "period": "具体的办理时限或时间长短", "term": "能用多久(有效期限)或是否需要年审",
              "count": "具体的次数"}
NOT_STATED_MEASURE = "具体要求的{unit}数"  # "多少个课时": a measured quantity, by its unit
VALID_UNTIL = "有效期至{date}"  # what a document is, for a year asked after it ("是有效期至2026-12-31的文件")
OFFICE_CONTACT = "{office}的联系电话或地址"  # an office the question names ("阳朔县民政局")
# "X多少钱?" where the clause found gives an amount of another benefit
NOT_STATED_BENEFIT = "收录的政策文件没有写明{benefit}的具体金额或发放标准。"
UNNAMED_BENEFIT = "这项待遇"  # a sum asked without the name of its program ("一顿补多少钱")
NOT_STATED_FEE = "收录的政策文件没有写明具体的收费金额;收费一般由机构按当地规定定价,可向机构或当地民政部门询问。"
OTHER_FEE = "最接近的{source}写明的是补贴等其他金额,不是收费标准。"  # no amount is quoted next to the refusal
OTHER_MATTER = "最接近的{source}说的是其他事项,不是您问的这一项。"  # its clause holds what was asked, of another matter
OTHER_FACILITY = "最接近的{source}写明的是{other}的补贴,不是{facility}的。"  # no amount is quoted next to the refusal
OTHER_BENEFIT = "最接近的{source}写明的是其他待遇的标准,其中没有{benefit}。"  # no amount is quoted next to the refusal
AGE_NOT_COVERED = "说明:文件写明的是{youngest}周岁以上老年人的规定,{age}岁还不在其中。"  # said before the clause
OTHER_PROGRAM_SUM = "最接近的{source}写明的是{other}的标准,没有写明{benefit}的金额。"  # its clause names both
NATIONAL_LEVEL = "国家层面"
READ_AS_WORD = "“{typed}”为“{meant}”"  # one word of READ_AS; several are joined by 、

# ---------------------------------------------------------------- nearby providers (services/providers/answer.py)
PROVIDERS_ASK_PLACE = "请告诉我老人住在哪个市、哪个区县(例如:清远市清城区),我再帮您查附近的养老机构、日间照料中心和助餐点。"
PROVIDERS_UNKNOWN_PLACE = "没有认出“{places}”这个地方。"
PROVIDERS_NONE = ("目录中暂未找到{where}{want}{what}机构。目前目录收录的是{coverage}的名单;"
                  "请向当地民政部门或街道(乡镇)养老服务中心查询。")
PROVIDERS_FOUND = "在{where}找到以下{want}{what}(按直线距离排序):"
PROVIDERS_CARE_UNKNOWN = "名单没有写明这些机构是否收住失能(失智)老人,请先打电话确认。"  # a 注意
PROVIDERS_READ_AS_REGION = "没有认出“{places}”这个地方,以下按{region}查找。"  # a 注意
PROVIDERS_DEMO = ("注意:标有【{label}】的条目是演示用的虚构机构,名称、电话、地址均不真实,请勿拨打或前往;",
                  "真实机构名单请向当地民政部门核实。")
PROVIDERS_DISTANCE = "距离是从{origin}量起的直线距离,仅供参考;入住前请电话确认床位、收费和是否接收失能/失智老人。"
PROVIDER_ENTRY = {  # the lines of one provider in a nearby answer
    "name": "{i}. {name}{tag}",
    "demo_tag": "【{label}】",
    "indent": "   ",
    "sep": " · ",
    "kind_unknown": "类型未注明",
    "in_city": "在{place}(名单没有具体位置,距离无法估计)",
    "in_district": "就在{district}(名单没有具体位置)",
    "approx_km": "距{origin}约{km}公里(机构位置按所在区县中心估计)",
    "exact_km": "距{origin}直线{km}公里",
    "services": "   服务:{services}",
    "beds": "床位{n}张",
    "nursing_beds": "(护理型{n}张)",
    "price": "收费:{price}",
    "per_month": "元/月",
    "phone": "电话:{phone}",
    "no_phone": "电话未登记",
    "address": "   地址:{address}",
    "fits": "   适合原因:{reasons}",
    "source": "   来源:{sources}",
    "verified": "(核实于{date})",
}
PROVIDER_SEARCH = {  # what a nearby answer says it looked for (advisor.services.providers.answer)
    "origin": "{place}中心",  # distances are measured from the district's centre
    "around": "{region}及周边{km:.0f}公里内",
    "takes_disabled": "收住失能老人",
    "takes_dementia": "收住失智老人",
    "max_price": "月收费{price}元以内",
    "offering": "提供{services}服务",
    "any_service": "养老服务",
    "sep": "、",
    "wanted": "{wants}的",
}
PROVIDER_DIRECTORY = {  # the directory's own words (advisor.services.providers.directory)
    "merged": "{n} 家机构在多个名单中重复出现,已合并为一条(保留各个来源)",
    "demo_city": "{city}(示例数据)",
    "more": "等",
    "empty": "(空)",
    "unknown_region": "未知地区:{name}",
    "not_in_gazetteer": "地名词表中没有:{name}",
}
PROVIDERS_CLASS = "机构分类依据:兜底保障型、普惠支持型、完全市场型养老机构的定义见《{title}》{article}[1]:“{sentence}”"

# ---------------------------------------------------------------- the web page (advisor.webview, advisor.app)
PAGE_NOTICE = ("本助手的回答均摘自下方列出的政策文件原文,不是正式答复;老人能否享受某项服务或补贴,"
               "最终以当地民政部门的认定为准。")
HELLO = "您好!请直接用大白话提问,例如老人在哪里、多大年纪、身体情况。"
YOU_ASKED = "您问"
PENDING = "正在查找政策原文……"
# an answer is cut by the heads the advisor writes: the lead (结论) shows, these fold under their titles
ANSWER_FOLDS = {"依据": "依据(政策原文)", "下一步": "下一步怎么办"}
FOLD_MORE = "更多内容"
WARNING_HEADS = ("注意:", "⚠️")
ASK_HEADS = ("请告诉我",)  # what the advisor asks back: shown, never folded
TIP_HEADS = ("提示:", "以上只是按文件条文")
SOURCES_FOLD = "引用来源({n}条)"
SOURCES = "引用来源:"
ASKED = "问:"
ANSWERED = "答:"
COPY = "复制"
SHARE = "分享"
COPIED = "已复制"
COPIED_FOR_CHAT = "已复制,可粘贴到微信"
USEFUL = "有用"
NOT_USEFUL = "没用"
THANKS_FEEDBACK = "谢谢您的反馈。"
# what makes a citation checkable (advisor.webview.citation_facts)
CITE_NUMBER = "文号:"
CITE_ISSUER = "发文机关:"
CITE_REGION = "地区:"
CITE_DATE = "日期:"
CITE_FILE = "文件:"
DATE_UNKNOWN = "未标明"
# the exported record of a conversation
RECORD_TITLE = "养老政策咨询记录"
RECORD_DATE = "日期:"
RECORD_PROFILE = "老人信息:"
RECORD_TURNS = "共{n}个问题"
RECORD_QUESTION = "问题{n}"
RECORD_ANSWER = "答复"
RECORD_NOTICE = ("以上答复均摘自所列政策文件原文,不是正式答复;老人能否享受某项服务或补贴,"
                 "最终以当地民政部门的认定为准。")
UNLESS_SAID = "(各项相同,下面写了的除外)"
EXPORT_FIRST = "请先提问,再导出。"
# the staff panel of retrieved passages
HITS_EMPTY = "(提问后这里列出检索到的全部条款及排名)"
HITS_NONE = "(没有检索到条款)"
HITS_HEAD = "检索问句:{query} | 适用地区:{region} | 类型:{kind} | 用时 {ms} ms | ★ = 回答引用 | 条形长短 = 综合得分"
HITS_RANK = "排名"
HITS_SCORE = "得分"
HITS_REGION = "地区"
HITS_WHERE = "文件 / 条款"
HITS_TEXT = "内容"
UNLIMITED = "未限定"
TURN_CHOICE = "第{n}问:{q}"
RESTORED_NO_HITS = "(这一问是从浏览器记录恢复的,没有保存检索明细;重新提问可以看到。)"
# the family checklist (我能享受什么)
CHECK_TITLE = "养老服务对照清单"
CHECK_RESULT = "结果:可能符合 {possible} 项;面向所有老年人 {general} 项;需补充信息 {need} 项;不符合 {unmet} 项"
CHECK_NO_REGION = "没有填写地区:只对照了国家层面的文件。填写地区后,可以对照当地的规定。"
CHECK_POSSIBLE = "可能符合({n}项)"
CHECK_GENERAL = "面向所有老年人({n}项)"
CHECK_NEED = "还需要补充信息才能判断({n}项)"
CHECK_UNMET = "按目前信息不符合({n}项)"
CHECK_ASK = "请补充:"
CHECK_AMOUNT_ONCE = "以上没有写明金额或标准的项目,文件未规定具体金额,由当地确定。"
NEEDS = "需要:"
OR = "或"
ONE_OF = "符合下列情形之一:"
STANDARD = "标准:"
NEXT = "下一步:"
BASIS = "依据:"
CONFIRM_FIRST = "需先确认:"
CHECK_DOWNLOAD = "下载可打印的清单"
BIGTEXT = "大字"
STORE_DOWN = "注意:向量检索暂时不可用,本次回答只按关键词查找,可能不如平时完整。"


# ---------------------------------------------------------------- the web page's labels (advisor.app)
APP_TITLE = "养老顾问"  # the browser tab's title and the page's heading
TABS = {"family": "咨询", "eligibility": "我能享受什么", "providers": "附近机构", "docs": "文件", "desk": "工作台"}
BUTTONS = {"send": "发送", "clear_yes": "确定清除", "clear_no": "取消"}  # shared by 咨询 and 工作台
NO_PROFILE = "(尚未提供老人信息)"
PROFILE_SAVED = "老人信息已更新,接下来的回答会按新信息查找。"  # a toast after 保存老人信息
# first-load examples: eligibility, subsidies, services, providers
EXAMPLES = (
    "我妈82岁了,在清远,瘫痪在床,能享受什么服务?",
    "经济困难的失能老人有什么补贴?",
    "居家养老有哪些上门服务?",
    "国家对养老机构是怎么分类的?",
)
# facts a family may add with one tap, by what they fill in
FOLLOW_UPS = {"disability": "老人已失能", "money": "家里是低保户", "subsidy": "有什么补贴?"}
SUBSIDY_WORD = "补贴"  # a question with this word is not offered the 有什么补贴? follow-up
CHAT = {  # the 咨询 tab
    "placeholder": "在这里输入问题",
    "profile_card": "老人信息(可修改)",
    "profile_help": "根据对话自动填写;您也可以直接修改,再点“保存”。",
    "save_profile": "保存老人信息",
    "examples_head": "**可以这样问**(点一下就提问)",
    "new": "清除记录,开始新对话",
    "confirm_clear": "确定清除这次对话的全部记录吗?清除后无法恢复。",
    "mode": "回答方式",
    "mode_extractive": "原文摘录",
    "mode_generative": "通俗解释(试验)",
    "mode_info": "通俗解释由本地语言模型根据政策原文改写,每句都与原文核对;核对不通过时显示原文摘录。",
}
PROFILE_CARD = {  # the elder's details as a form (咨询's card, 我能享受什么's form)
    "unknown": "不清楚",
    "disabled_unrated": "失能(程度待评估)",
    "region": "地区",
    "region_hint": "例如:清远",
    "age": "年龄",
    "disability": "失能程度",
    "flags": "家庭和经济情况",
}
# how a plain-words answer was checked, or why the quotes are shown instead
GENERATION_CHECKED = ("通俗解释(试验):由语言模型根据下方原文改写,已逐句与原文核对——保留 {kept} 句,"
                      "换回原文 {replaced} 句,删除 {removed} 句。")
GENERATION_NOT_USED = "通俗解释{why},以上为原文摘录。"
GENERATION_WHY = {"fallback": "没有通过与原文的逐句核对", "timeout": "生成超时", "error": "生成出错",
                  "unavailable": "暂不可用"}
ELIGIBILITY = {  # the 我能享受什么 tab
    "intro": "填写老人情况,按收录的政策文件逐条对照;不知道的可以不填。",
    "form": "填写老人情况",
    "run": "对照政策",
}
PROVIDERS_TAB = {  # the 附近机构 tab
    "intro": "输入老人所在的区县或地点,列出附近的养老机构;标有【{label}】的是演示数据,不是真实机构。",
    "place": "地区或地点",
    "place_hint": "例如:清城区",
    "radius": "多少公里以内(可不填)",
    "disabled_only": "只看收住失能老人的",
    "more": "更多条件",
    "kinds": "机构类型",
    "services": "服务",
    "run": "查找",
    "map_fold": "位置示意图(编号同上方列表)",
    "ask_place": "请先填写地区或地点,例如:清城区、英德、乌鲁木齐。",
    "unknown_place": "没有找到“{place}”这个地点;目前目录收录的是{coverage}的名单。",
    "found": "找到 {n} 家,近的在前。",
    "demo": "标有【{label}】的是演示用虚构机构,请勿拨打或前往;真实名单请向当地民政部门核实。",
}
PROVIDER_CARD = {  # one provider as a card
    "km": "约 {km:.1f} 公里",
    "takes_disabled": "收住失能老人",
    "demo_tag": "【{label}】",
    "phone": "电话:",
    "address": "地址:",
    "services": "服务:",
    "service_sep": "、",
}
PROVIDER_MAP = {"lon": "经度", "lat": "纬度", "title": "机构位置示意(编号同上方列表,离线绘制,无底图)"}
DOCS_TAB = {  # the 文件 tab
    "headers": ("标题", "文号", "地区", "类型", "日期", "有效状态", "条数"),
    "unrecognised": "未识别",
    "undated": "未标明",
    "articles": "{n}条",
    "passages": "{n}段",
    "not_indexed": "尚未建立索引。",
    "report_fold": "最近一次导入的报告(工作人员用)",
    "refresh": "刷新",
    "token": "工作人员口令",
    "reingest": "重新导入文件(后台进行,不影响咨询)",
    "wrong_token": "工作人员口令不对,未重新导入。",
    "busy": "已有一次导入正在进行,请稍候。",
}
INGEST_REPORT = {  # the last ingest report in plain words
    "title": "《{title}》",
    "built": ("索引建立于 {built_at}:找到文件 {found} 个,成功读取 {ingested} 个;收录文件 {documents} 篇,"
              "共 {chunks} 段条文;用时 {seconds} 秒。"),
    "skipped": "<b>未能读取的文件:</b>",
    "dropped": "<b>已剔除的无关内容</b>(网页上附带的其他新闻等):",
    "merged": "<b>重复转载:</b>",
    "merged_item": "{source} 的{what}与 {into} 相同,已合并,不重复收录。",
    "merged_whole": "全文",
    "merged_paragraphs": "{n} 段",
    "merged_sep": "、",
    "warnings": "<b>请留意:</b>",
    "chrome": "从网页中去掉了 {total} 行导航、版权等网页附带文字。",
}
INGEST_STATUS = {  # re-ingest from the page
    "started": "正在重新导入({time:%H:%M:%S} 开始)……咨询不受影响。",
    "done": "重新导入完成:{chunks} 个条款片段(新计算 {embedded},复用 {reused}),用时 {seconds} 秒。",
    "failed": "重新导入失败:{error}",
}
DESK = {  # the 工作台 tab
    "placeholder": "输入问题",
    "export": "导出/打印(整个对话)",
    "new": "清除记录,接待下一位",
    "confirm_clear": "确定清除这次对话的全部记录吗?(请先导出需要留存的记录)",
    "record": "咨询记录(Markdown)",
    "turn_pick": "查看哪一问检索到的条款",
    "record_file": "养老咨询记录-{stamp}",
    "download_md": "下载 Markdown",
    "download_html": "下载可打印 HTML(打开后按 Ctrl+P 打印)",
    "drafts_fold": "资格规则草稿(待审核)",
    "draft_pick": "选择草稿",
    "reviewer": "审核人姓名",
    "accept": "接受",
    "reject": "拒绝",
    "draft_edit": "修改草稿(改好后点“接受”,按修改后的内容保存;引文必须逐字摘自原文)",
    "choose_draft": "请先选择一条草稿。",
}
DRAFT_VIEW = {  # the rule drafts waiting for review, beside their clauses
    "none": "没有待审核的规则草稿。生成草稿:advisor rules draft 文件名",
    "intro": "以下草稿未经审核,不会用于对家属的答复。审核:advisor rules review --reviewer 姓名",
    "head_draft": "草稿",
    "head_clause": "原文条款",
    "badge": "待审核",
    "who": "对象:",
    "amount": "金额:",
    "office": "受理:",
    "confidence": "可信度:",
    "not_stated": "原文未写明",
    "quote": "“{quote}”",
}

# ---------------------------------------------------------------- rule review, for staff (services/rulereview.py)
RULE_REVIEW = {
    "edit_refused": "修改没有通过检查,草稿保持原样:{why}",
    "accept_refused": "不能接受草稿,草稿保持原样:{why}",
    "edit_help": "(只能修改这些字段:{fields};引文必须逐字摘自原文,条件的写法见 corpus/rules/README.md)",
    "not_yaml": "不是有效的 YAML({error})",
    "not_fields": "内容必须是“字段: 值”的形式",
    "not_editable": "不能修改字段 {fields}",
    "not_indexed": "索引里没有这份文件,无法核对引文(请先运行 advisor ingest)",
    "unchanged": "没有修改(编辑器里没有保存改动)",
    "id_taken": "规则编号 {id} 已经在已审核的规则里(可能已接受过)",
    "editor_missing": "无法启动编辑器 {editor}({error}),草稿保持原样。",
    "editor_failed": "编辑器以错误退出(代码 {code}),草稿保持原样。",
    "everyone": "面向全体老年人",
    "all_of": "同时满足({parts})",
    "any_of": "满足其一({parts})",
    "show_head": "【{name}】 {source} {article}  可信度 {confidence}",
    "show_who": "  对象:{who}",
    "show_amount": "  金额:{amount}",
    "show_office": "  受理:{office}",
    "show_quote": "  原文:“{quote}”",
    "not_stated": "(原文未写明)",
    "file_head": "# 已审核的资格规则(由 advisor rules review 写入,可直接编辑)。",
    "name_first": "请先填写审核人姓名。",
    "accepted": "已接受草稿 {id}({name})。",
    "rejected": "已拒绝草稿 {id}({name})。",
    "no_such_draft": "没有找到草稿 {id}。",
    "no_drafts": "没有待审核的规则草稿(先运行 advisor rules draft 文件名)。",
    "reviewer_needed": "请用 --reviewer 写明审核人姓名;只查看草稿请加 --list。",
    "file_line": "== 《{title}》({region})  {n} 条草稿  {file}",
    "prompt": "  [a]接受  [e]修改后接受  [r]拒绝  [s]跳过  [q]保存并退出 > ",
    "accepted_edited": "  已按修改接受。",
}
RULE_DRAFT = {  # what the rule drafter writes for the reviewer (services/ruledraft.py)
    "note": "草稿依据:",
    "note_sep": ";",
    "who": "对象:{who}",
    "everyone": "全体老年人(原文未写条件)",
    "what": "待遇:{what}",
    "amount": "金额:{amount}",
    "office": "受理:见原文",
    "heading": "上级标题:{title}",
    "age_band": "文件写明的年龄段是{lo}至{hi}周岁",
    "age_from": "{lo}周岁以上",
    "age_range": "{lo}至{hi}周岁",
    "no_article": "(无条号)",
    "file_head": ("# 规则草稿:由 advisor rules draft 从条款自动生成,尚未审核,不会用于对家属的答复。\n"
                  "# 请逐条对照原文核对条件、金额和受理部门;用 advisor rules review 接受、修改或删除。\n"),
}

# ---------------------------------------------------------------- the `advisor` command (advisor/cli.py)
CLI_HELP = {  # argparse: the command's description and the Chinese help of its subcommands and options
    "description": "养老顾问:根据政策原文回答养老问题,并注明出处",
    "ingest": "读取 corpus/ 并建立索引",
    "no_wait": "另一个导入正在进行时立即退出(不等待)",  # ingest and remove
    "remove": "移除一份文档并更新索引",
    "stats": "查看索引内容",
    "ask": "提一个问题",
    "answer": "回答方式 (default: $ADVISOR_ANSWER or extractive)",  # ask and eval
    "chat": "多轮对话",
    "eval": "运行评测集",
    "rules": "资格规则:从条款生成草稿、审核草稿",
    "rules_draft": "从一份已入库文件的条款生成规则草稿(写入 corpus/rules/drafts/)",
    "rules_review": "逐条审核规则草稿:接受、拒绝或跳过",
    "reviewer": "审核人姓名(接受草稿时必填)",
    "list": "只列出草稿和原文,不修改",
    "settings": "列出全部设置:环境变量、默认值、当前值和作用",
    "serve": "启动网页",
}
CLI = {  # what the command prints
    "waiting": "另一个导入或移除正在进行,等它完成后继续……(waiting for another ingest)",
    "report_written": "\n写入 {path}",
    "no_such_file": "找不到文件:{path}(请写 corpus/policies/ 下的文件名)",
    "just_removed": "找不到文件:{path}(可能刚被移除)",
    "removed": "已移除 {doc}(原文件移到 {dest}),索引已更新:{documents} 篇文档,{chunks} 个条款片段",
    "no_index": "还没有索引,请先运行 advisor ingest",
    "index": "索引版本 {version},向量模型 {embedder},条款片段 {chunks} 个",
    # an answer: its text, its citations, the elder's details
    "sources": "\n引用来源:",
    "citation": "[{n}] 《{title}》 {article} | {kind}{region} | {date} | {validity}",
    "date_unknown": "日期未标明",
    "quote": "    “{text}”  ({doc})",
    "profile": "\n老人信息:{profile}",
    # advisor chat (the commands it recognises, /资料 /新对话 /退出, are in cli.py)
    "chat_intro": "养老顾问(输入问题后回车;/资料 查看或修改老人信息,/新对话 重新开始,/退出 结束)",
    "chat_prompt": "\n您:",
    "chat_new": "已开始新对话。",
    "chat_profile_usage": "用法:/资料 清远 82岁 失能 低保 —— 补充或修改老人信息;/资料 清空 —— 清除",
    "chat_profile": "老人信息:{profile}",
    # advisor eval
    "eval_title": "养老顾问评测 {name}",
    "eval_report": "报告:{path}",
    # advisor build-llm
    "llm_parts_missing": "缺少模型分片:{error}",
    # advisor rules draft
    "not_indexed": "索引里没有文件 {name}(请先放入 corpus/policies/ 并运行 advisor ingest)",
    "draft_superseded": "《{title}》已被{newer}替代,不生成规则草稿(请为现行版本生成)",
    "drafted": "《{title}》:{n} 条规则草稿 → {path}",
    # advisor settings: a secret's value is never printed
    "secret_set": "(已设置)",
    "unset": "(不设)",
}
INGEST_SUMMARY = {  # the ingest report in plain words (advisor ingest, advisor stats)
    "files": "文件:共 {found} 个,成功读取 {ingested} 个",
    "documents": "文档:{documents} 篇,条款片段 {chunks} 个(新计算向量 {embedded},复用 {reused};另计算句子向量 {sentences} 个)",
    # one document: its dates, its level, its size
    "adopted": "通过{date}",
    "amended": "修正{date}",
    "published": "发布{date}",
    "effective": "施行{date}",
    "expiry": "有效期至{date}",
    "no_region": "未标明地区",
    "articles": "{n} 条,",
    "document": ("  · {doc_id}: 《{title}》 {kind} {region} [{level}] {doc_number} {dates} — "
                 "{articles}{chunks} 段"),
    "superseded": "      已被修订/替代:新版本为{newer}",
    # what was flagged, skipped, left out and merged, and the time it took
    "warning": "  ! 提醒 {source} “{title}”: {reason}",
    "skipped": "  × 跳过 {source}: {reason}",
    "dropped": "  − 排除 {source} “{title}”({chars} 字): {reason}",
    "merged": "  = 合并重复 {source} → {into}({paragraphs} 段{whole})",
    "merged_whole": ",整篇重复",
    "seconds": "用时:解析 {parse} 秒,计算向量 {embed} 秒,合计 {total} 秒",
}
DOC_LEVELS = {"national": "全国", "province": "省级", "city": "市级", "county": "县级", "template": "模板",
              "unknown": "级别未知"}  # a document's level in the ingest report
# the first run, or an index to rebuild (advisor/startup.py, for the page and the command)
STARTUP = {
    "missing": "首次运行:正在建立索引……(building the index)",
    # built by another embedding model: its vectors must not meet this one's queries
    "embedder": "现有索引由另一个向量模型建立,正在重建……(rebuilding the index for the current embedder)",
    "sentences": "现有索引是旧版本建立的,正在重建……(rebuilding an index without sentence vectors)",
    "built": "索引已建立:{chunks} 个条款片段,用时 {seconds} 秒",
}
PROGRESS = {  # progress shown in a terminal
    "embedding": "计算向量",  # the embedder's progress bar (advisor/retrieval/embed.py)
    "embedding_unit": "批",
    "llm_parts": "\r拼接模型分片 {i}/{n}",  # advisor build-llm (advisor/answer/llmmodel.py)
}
# the index cannot be written or read (advisor/index/store.py: WriterBusy, StoreUnavailable)
INDEX_MESSAGES = {
    "busy": "另一个导入或移除正在进行,请稍后再试。",
    "unavailable": "向量数据库(Chroma 服务)暂时连不上,本地也没有可用的索引副本;请稍后再试或联系管理员。",
}

# ---------------------------------------------------------------- files that cannot be read (ingest/readers.py)
# ReadError.message_zh, for staff in the ingest report; the punctuation of these texts is full-width
READ_ERRORS = {  # by ReadError code: the text when the error gives none of its own
    "empty": "文件为空，已跳过",
    "too_large": "文件超过大小上限，已跳过",
    "binary": "文件不是可识别的文本（疑似二进制文件或已损坏），已跳过",
    "encoding": "无法识别文件的文字编码（支持UTF-8、UTF-16、GBK/GB18030），请另存为UTF-8后重新放入",
    "corrupt_pdf": "PDF文件已损坏或不完整，无法读取，已跳过",
    "corrupt_docx": "Word文档(.docx)已损坏，无法读取，已跳过",
    "zip_bomb": "Word文档解压后体积异常（疑似压缩炸弹），出于安全考虑已跳过",
    "timeout": "文件解析超时，已跳过",
    "too_many_pages": "PDF页数过多，已跳过，请拆分后再放入",
    "encrypted": "PDF文件有密码保护，无法读取，请提供未加密的版本",
    "no_text": "文件中没有可提取的文字，已跳过",
    "unsupported": "不支持的文件格式，已跳过",
    "corrupt": "文件内容异常，无法解析，已跳过",
    "io_error": "无法读取文件（文件不存在、不是普通文件或没有权限）",
    "other": "文件无法读取，已跳过",  # a code without a text of its own
}
READ_ERROR_CASES = {  # particular cases, said more precisely than their code's text
    "pdf_truncated": "PDF文件不完整（可能下载中断或已损坏），已跳过",
    "pdf_no_pages": "PDF文件中没有任何页面，已跳过",
    "pdf_too_many_pages": "PDF共{pages}页，超过{limit}页的上限，已跳过，请拆分后再放入",
    "pdf_no_text": "未能从PDF中提取文字(可能是扫描件)，已跳过",
    "docx_unreadable": "Word文档(.docx)已损坏或不完整，无法读取，已跳过",
    "not_docx": "文件不是Word文档(.docx)，已跳过",
    "docx_no_text": "Word文档中没有可提取的文字，已跳过",
    "html_no_text": "网页中没有正文文字，已跳过",
    "no_text": "文件中没有文字内容，已跳过",
    "unsupported_kind": "不支持的文件格式：{kind}。已跳过",  # kind: a FILE_KINDS text
    "timeout": "文件解析超过{seconds:g}秒仍未完成（文件可能过于复杂或已损坏），已跳过",
    "whitespace": "文件为空（只有空白字符），已跳过",
    "too_large": "文件大小{size}，超过{limit}的上限，已跳过",
    "bytes": "{n}字节",  # a size under 1 KB in too_large
    "not_a_file": "不是普通文件：{name}",
    "unreadable": "无法读取文件：{name}（{reason}）",
    "missing": "文件不存在",  # reasons of unreadable
    "no_permission": "没有读取权限",
    "os_error": "系统读取出错",
}
FILE_KINDS = {  # formats recognised by their first bytes but not read, as an unsupported_kind names them
    "ole2": "旧版Office文件(.doc/.xls/.ppt)，请另存为.docx或PDF",
    "rtf": "RTF文档，请另存为.docx或PDF",
    "png": "图片(PNG)，请提供文字版",
    "jpeg": "图片(JPEG)，请提供文字版",
    "gif": "图片(GIF)",
    "tiff": "图片(TIFF)，请提供文字版",
    "bmp": "图片(BMP)，请提供文字版",
    "gzip": "压缩包(gzip)，请解压后放入",
    "rar": "压缩包(RAR)，请解压后放入",
    "7z": "压缩包(7z)，请解压后放入",
    "elf": "程序文件",
    "exe": "程序文件(.exe)",
    "ogg": "音频文件",
    "mp3": "音频文件(MP3)",
    "mp4": "视频文件",
    "riff": "音视频或图片文件(RIFF)",
    "postscript": "PostScript文件，请转换为PDF",
    # zip archives that are not Word documents
    "xlsx": "Excel表格(.xlsx)，请将内容另存为.docx、PDF或文本",
    "pptx": "PowerPoint演示文稿(.pptx)，请另存为PDF",
    "odf": "OpenDocument文档(.odt等)，请另存为.docx",
    "zip": "压缩包(.zip)，请解压后放入",
    "bad_zip": "损坏的压缩包",
}

# ---------------------------------------------------------------- the ingest report (ingest/pipeline.py, segment.py)
INGEST_REASONS = {  # reason_zh of a skipped file, a warning or material left out
    "error": "处理该文件时出错,已跳过:{error}",  # an unexpected error (its type named)
    "no_policy": "文件中没有找到养老政策内容,已跳过",
    "few_terms": "已收录,但养老相关词汇较少({hits:.0f} 次,每千字 {density:.2f} 次),请确认是否需要",
    "repeats": "文件中有 {repeats} 段与前文完全相同的文字,只收录一次(不同的共 {distinct} 段)",
    "mostly_repeats": ";该文件大部分是重复文字,请检查是否为正常的政策文件",  # after repeats
    "planted": "第{line}行:{why},已去除",  # why: an INGEST_PLANTED text
    "off_topic": "与养老政策无关:养老相关词汇 {hits:.0f} 次,每千字 {density:.2f} 次",
    "noise": "{where}的无关内容(不含养老相关词汇)",  # paragraphs around a document
    "noise_trailing": "正文后附带",
    "noise_leading": "正文前",
}
INGEST_PLANTED = {  # text planted in a document, by why it is not policy (ingest/instructions.py)
    "instruction": "疑似插入的指令(不是政策内容)",
    "free money": "向所有人许诺金额、没有条件和发放机关(不像政策条文)",
    "continuation": "紧跟在插入指令后的内容",
}
NEWER_VERSION_NAME = "《{title}》({date})"  # a document's newer version, as its superseded_by names it
# a document's validity on a day, beside every citation (advisor/ingest/metadata.py: validity)
VALIDITY = {
    "superseded": "已被修订/替代(新版本:{newer})",
    "not_yet": "尚未施行(自{date}起施行)",
    "expired": "已失效(有效期至{date})",
    "in_force": "现行有效(有效期至{date})",
    "no_expiry": "未注明有效期",
}
# a citation's region when its document has none, and the note naming a template (advisor/answer/compose.py)
CITATION_REGION = {"template": "参考模板(无具体地区)", "unknown": "未标明地区"}
TEMPLATE_SOURCE = "参考模板,不是任何地方的正式规定"

# ---------------------------------------------------------------- provider files (services/providers)
# the import report's errors (RowError / RowInvalid) and notes: importers, readers, sidecar, rows, fields
PROVIDER_IMPORT = {
    # the file
    "unsupported_type": "不支持的文件类型:{suffix}",
    "unreadable": "无法读取文件:{error}",
    "mixed_encoding": "文件编码混杂:第{line}行不是 UTF-8,第{utf8_line}行却是 UTF-8;请把整个文件另存为 UTF-8",
    "needs_openpyxl": "读取 XLSX 需要安装 openpyxl",
    "bad_json": "JSON 格式错误:{error}",
    "json_top": "JSON 顶层应为机构列表或含 providers 列表的对象",
    # its sidecar <file>.meta.yaml
    "meta_unreadable": "{file} 无法读取:{error}",
    "meta_unknown_keys": "{file} 中有不认识的设置:{bad}(可用:{keys})",
    "meta_bad_columns": "{file} 的 columns 指向不存在的字段:{wrong}",
    "meta_bad_coord_system": "{file} 的 coord_system 应为 {systems}",
    # its header
    "no_header": "第一行不像表头:没有认出任何列名(如“机构名称”“地址”);请在第一行加上表头",
    "no_name_column": "表头中找不到机构名称列(如“机构名称”)",
    "no_header_found": "前几行都不像表头:没有找到机构名称列(如“机构名称”);请在第一行加上表头",
    # a row
    "open_quote": "第{start}行的引号没有闭合,第{start}–{end}行被读成了一行;请检查该行的引号",
    "too_many_cells": "列数({cells})多于表头({columns})",
    "not_object": "记录不是 JSON 对象",
    "duplicate_id": "编号 {id} 与第{line}行重复",
    "missing_name": "缺少机构名称",
    "name_too_long": "机构名称过长或跨行({n}字),可能是引号没有闭合",
    "nursing_beds": "护理型床位({nursing})多于总床位({total})",
    # a cell; what: a PROVIDER_FIELD_NAMES text
    "not_number": "{what}不是数字:{value!r}",
    "not_finite": "{what}不是有限数字:{value!r}",
    "not_integer": "{what}不是整数:{value!r}",
    "negative": "{what}为负数:{value!r}",
    "not_yes_no": "{what}不是“是/否”:{value!r}",
    "not_one_of": "{what}应为{allowed}之一:{value!r}",
    "stars": "星级无法识别(应为0–5):{value!r}",
    "date": "日期无法识别:{value!r}",
    "phone": "电话号码格式不对:{value!r}",
    "one_coordinate": "经纬度只填了一个",
    "out_of_range": "经纬度超出范围:纬度{lat},经度{lon}{hint}",
    "outside_china": "坐标不在中国境内:纬度{lat},经度{lon}{hint}",
    "swapped": "(经纬度可能填反了)",  # the hint of the two above
    # the notes: what was assumed or set aside
    "title_rows": "{file}:第{lines}行不是表头(像是标题),已跳过;表头在第{line}行",
    "unmapped": "{file}:没有用上的列:{columns}(可在 {file}.meta.yaml 的 columns 中指定对应字段)",
    "no_coord_system": ("{file}:坐标系未注明,按 WGS-84 处理;百度(BD-09)或高德(GCJ-02)坐标请在 {file}.meta.yaml "
                        "写 coord_system"),
    "converted": "{file}:坐标按 {system} 读入,已换算为 WGS-84",
    "approx": "{file}:{n} 家没有坐标,位置取所在区县(或城市)中心(近似)",
    "district_by_point": "{file}:{n} 家的名称和地址没有写区县,按坐标所在的区县边界确定(请核对)",
    "placed_by_township": "{file}:{n} 家只写了乡镇(街道),按该乡镇所属的区县确定(请核对)",
    "placed_by_landline": "{file}:{n} 家没有写城市,按座机电话的区号确定城市(请核对)",
    "unplaced": "{file}:{n} 家无法确定所在区县(第{lines}行),只能按城市查找",
    "and_more": "等",  # after the first ten lines of unplaced
    "set_aside": "{file}:{n} 行不是养老服务机构({kinds}),已导入但不出现在回答中",
}
PROVIDER_FIELD_NAMES = {  # a field as the import report's messages name it
    "beds_total": "床位数",
    "beds_nursing": "护理型床位数",
    "demo": "示例标记",
    "institution_class": "机构分类",
    "accepts_disabled": "收住失能老人",
    "accepts_dementia": "收住失智老人",
    "lat": "纬度",
    "lon": "经度",
}
PROVIDER_FIT = {  # why a provider suits the elder (services/providers/fit.py), in a nearby answer's 适合原因
    "disabled": "收住失能老人",
    "nursing_beds": "(护理型床位{n}张)",
    "dementia": "收住失智(认知障碍)老人",
    "safety_net": "兜底保障型机构,主要收住特困老年人和经济困难失能老年人[1]",
    "inclusive": "普惠支持型机构,面向全体老年人开放、收费受引导[1]",
}
REDACTED = {"id": "[身份证号已删除]", "phone": "[电话已删除]"}  # in stored text (advisor/personal.py: redact)

# ---------------------------------------------------------------- staff: how a passage ranked (webview.py)
HITS_RANK_BY = {"bm25": "关键词", "dense": "语义"}
HITS_RANK_AT = "{by}第{rank}"
HITS_COSINE = "相似度{cosine:.2f}"

# ---------------------------------------------------------------- the generative mode's check
# why a sentence was replaced or removed (answer/verify.py), the quote that replaces it, the eval summary
# (answer/generate.py)
VERIFY = {
    "numbers": "数字与所引原文不符:{items}",  # items joined by 、
    "benefits": "所引原文没有提到:{items}",
    "offices": "所引原文没有写这一办理方式:{items}",
    "regions": "所引原文不是该地区的规定:{items}",
    "empty": "空句",
    "uncited": "没有标注出处",
    "bad_number": "引用了不存在的出处编号",
    "meaning": "与所引原文意思不符(相似度{cosine:.2f})",
    "fallback": "{share:.0%} 的句子未通过核对",  # the whole answer: the quotes are shown instead
}
GENERATED_QUOTE = "原文写明:“{span}”。[{n}]"  # a sentence replaced by the clause it cites
GENERATION_SUMMARY = {  # advisor eval --answer generative
    "none": "生成式回答:没有记录",
    "answers": ("生成式回答:{records} 条政策回答中 通过 {ok},回退到原文摘录 {fallback},"
                "超时 {timeout},出错 {error},不可用 {unavailable}\n"),
    "sentences": "逐句核对:共 {sentences} 句,保留 {kept},替换 {replaced},删除 {removed}",
    "share": "(未通过 {share:.1%})",
    "reasons": "\n未通过原因:",
    "no_reasons": "无",
}

# ---------------------------------------------------------------- the evaluation report (advisor/evaluate)
EVAL_METRICS = {  # the Chinese name beside each metric's English name (tables, the terminal)
    "hit": "检索命中",
    "evidence_recall": "证据召回",
    "mrr": "平均倒数排名",
    "citation_precision": "引用准确率",
    "first_citation_precision": "结论引用准确率",
    "answer_point_coverage": "要点覆盖",
    "refusal_accuracy": "拒答准确率",
    "article_accuracy": "条款准确率",
    "cited_article_accuracy": "已引用回答的条款准确率",
    "must_not_violations": "禁止内容",
    "contradictions": "自相矛盾",
    "repeated_answers": "重复回答",
    "latency": "时延",
    "items": "条目",
    "errors": "运行错误",
}
EVAL_COMPARE = {  # the columns of the configuration comparison, by metric
    "evidence_recall": "evidence recall 证据召回",
    "answer_point_coverage": "coverage 要点覆盖",
    "citation_precision": "citation precision 引用准确率",
    "first_citation_precision": "结论 citation precision 结论引用准确率",
    "refusal_accuracy": "refusal acc 拒答准确率",
}
EVAL_LABELS = {  # headers, headings and plot captions
    "metric": "指标",
    "value": "value 值",
    "configuration": "configuration 配置",
    "category": "category 类别",
    "region": "region 地区",
    "title": "养老顾问评测报告 / Advisor evaluation report",
    "by_category": "按类别 / By category",
    "by_region": "按地区 / By region",
    "plot_category": "按类别",  # a plot's caption: "按类别 / by category"
    "plot_region": "按地区",
    "plot_latency": "时延 / latency",
    "latency_caption": "时延分布 / latency histogram",
    "plot_compare": "配置对比 / configurations",
    "compare_caption": "配置对比 / configuration comparison",
    "unspecified_region": "未指定",  # the group of items without a region or a category
    "unspecified_category": "未分类",
}
EVAL_REASONS = {  # why an item failed, in the report's failures section (evaluate/metrics.py)
    "error": "运行错误 / run error: {error}",
    "miss": "检索未命中 / retrieval miss: no evidence quote in top-{k}",
    "points": "要点缺失 / answer points missing: {missing}",
    "refused": "误拒答 / refused an answerable question",
    "answered": "应拒答未拒答 / answered a question the corpus does not support",
    "contradiction": "自相矛盾 / says a fact is not stated, then quotes it",
    "repeated": "重复上一回答 / the follow-up got the previous answer again",
    "must_not": "出现禁止内容 / must_not violated: {phrases}",
}
