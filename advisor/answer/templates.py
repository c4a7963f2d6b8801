"""What the advisor says in its own words (not quoted from a document), in one place. Texts that take
values are format strings; their fields are named."""

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
              "procedure": "具体的申请办法或受理部门"}
# "X多少钱?" where the clause found gives an amount of another benefit
NOT_STATED_BENEFIT = "收录的政策文件没有写明{benefit}的具体金额或发放标准。"
NOT_STATED_FEE = "收录的政策文件没有写明具体的收费金额;收费一般由机构按当地规定定价,可向机构或当地民政部门询问。"
OTHER_FEE = "最接近的{source}写明的是补贴等其他金额,不是收费标准。"  # no amount is quoted next to the refusal
OTHER_MATTER = "最接近的{source}说的是其他事项,不是您问的这一项。"  # its clause holds what was asked, of another matter
OTHER_BENEFIT = "最接近的{source}写明的是其他待遇的标准,其中没有{benefit}。"  # no amount is quoted next to the refusal
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
