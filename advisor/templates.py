"""What the advisor says in its own words (not quoted from a document), in one place. Texts that take
values are format strings; their fields are named."""

from __future__ import annotations

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
NOTHING_NEW = ("关于“{question}”,收录的文件没有比上一条回答更具体的规定。\n"
               "文件中相关的规定仍是:{span}(见{where})\n"
               "建议向当地民政部门或乡镇(街道)、村(社区)咨询。")  # a follow-up the documents say nothing new about
CHECKLIST_LEVELS = ("说明:逐条对照的规则里还没有{region}的地方规定,以下只按{levels}的文件对照;"
                    "当地的具体规定请向当地民政部门咨询。")  # an eligibility checklist for a place without its own rules
# checklists: a 户籍 still to confirm where the family named the place; the level of a national rule; a long
# list cut short; the amounts line when some document states an amount
CONFIRM_RESIDENCE = "需确认:{facts}(您说老人在{place})"
NATIONAL_RULE_LEVEL = "国家"
AND_MORE = "等{n}项"
AMOUNTS_STATED = "金额和具体标准:写明了标准的,按上面所列;没有写明的,由当地确定。"
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
OTHER_BENEFIT = "最接近的{source}写明的是其他待遇的标准,其中没有{benefit}。"  # no amount is quoted next to the refusal
NATIONAL_LEVEL = "国家层面"
READ_AS_WORD = "“{typed}”为“{meant}”"  # one word of READ_AS; several are joined by 、
