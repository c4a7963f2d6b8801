"""The page's style and scripts: the CSS (large type, the conversation in the page's flow, cards on a phone),
the conversation's own script (go to a new answer; 复制, 分享, 有用/没用) and the 大字 switch."""

from __future__ import annotations

from advisor.answer import templates as T

CSS = """
:root, .gradio-container { --body-text-color: #111; }
body, .gradio-container { font-size: 20px !important; color: #111; }
.gradio-container { max-width: 1280px !important; }
/* gradio's overflow:hidden would stop the question bar from sticking to the bottom; clip keeps the width */
.gradio-container { overflow: visible !important; overflow-x: clip !important; }
#tabs button[role=tab], #tabs .tab-container button { font-size: 16px !important; padding: 6px 5px !important;
  min-width: 0 !important; white-space: nowrap; }
#tabs .tab-container { flex-wrap: wrap; }
.notice { background:#fff4cc; border-left:6px solid #8a5a00; padding:8px 12px; color:#111; font-size:16px;
          line-height:1.5; border-radius:4px; }
#topbar { align-items:center; }
#topbar h1 { font-size:26px; margin:0; }
button.bigtext { font-size:18px; padding:6px 12px; border:2px solid #0b3d91; border-radius:8px; background:#fff;
                 color:#0b3d91; font-weight:700; }
/* the conversation flows with the page: no scroll box of its own */
.conv { overflow: visible; }
.conv .hello { font-size:20px; color:#333; }
.turn { margin: 10px 0 22px; scroll-margin-top: 8px; }
.turn .q { background:#e8f0ff; border-radius:10px; padding:8px 12px; margin-left:12%; }
.turn .q .who { font-size:15px; color:#335; }
.turn .q p { margin:2px 0; font-size:19px; overflow-wrap:anywhere; }
.turn .a { scroll-margin-top: 70px; background:#fff; border:1px solid #bbb; border-radius:10px;
           padding:10px 12px; margin-top:8px; }
.turn .a .lead p { font-size:22px; line-height:1.6; margin:4px 0; color:#000; overflow-wrap:anywhere; }
.turn .a .lead p.aside { font-size:16px; color:#444; }
.turn .a .warn { background:#fff4cc; border-left:5px solid #8a5a00; padding:4px 10px; margin:8px 0; }
.turn .a .warn p, .turn .a .tip p { margin:4px 0; }
.turn .a .tip { font-size:15px; color:#444; }
details.fold { border-top:1px solid #ccc; padding:6px 0; }
details.fold > summary { cursor:pointer; font-weight:700; color:#0b3d91; font-size:19px; padding:4px 0; }
details.fold p { font-size:18px; line-height:1.6; margin:4px 0; overflow-wrap:anywhere; }
details.src { border:1px solid #777; border-radius:6px; padding:6px 10px; margin:8px 0; background:#f7f7f7;
              color:#111; }
details.src summary { cursor:pointer; font-weight:700; color:#0b3d91; }
details.src .meta { font-size:16px; color:#333; margin:4px 0; }
mark { background:#ffd84d; color:#000; padding:0 2px; }
.tools { display:flex; flex-wrap:wrap; gap:8px; margin-top:10px; }
.tools button { white-space:nowrap; line-height:1.4; font-size:17px; padding:6px 12px; border:1px solid #6b8cc7; border-radius:8px; background:#f3f7ff;
                color:#0b3d91; }
.tools button.chosen { background:#0b3d91; color:#fff; }
#askbar { position: sticky; bottom: 0; z-index: 5; background: #fff; padding: 6px 0; border-top: 1px solid #ccc; }
html.bigtext .turn .a .lead p { font-size:26px !important; }
html.bigtext .turn .q p, html.bigtext details.fold p, html.bigtext details.src p, html.bigtext .tools button,
html.bigtext .checklist, html.bigtext .pcard, html.bigtext #ask-box textarea, html.bigtext details.fold > summary,
html.bigtext .turn .a .tip, html.bigtext .notice, html.bigtext .profile-line, html.bigtext .turn .a .warn p
{ font-size:24px !important; }
table.hits { border-collapse:collapse; width:100%; font-size:15px; }
table.hits td, table.hits th { border:1px solid #999; padding:4px 6px; vertical-align:top; color:#111; }
table.hits td.region { white-space:nowrap; }
table.hits td.score { min-width:90px; }
table.hits td:nth-child(4) { min-width:170px; }
table.hits .bar { height:10px; background:#0b3d91; border-radius:3px; margin:3px 0; }
table.hits tr.cited { background:#fff4cc; }
.followups button, .examples button { font-size:18px !important; }
.profile-line { font-size:18px; background:#eef4ff; border:1px solid #6b8cc7; padding:8px 12px; border-radius:6px;
                color:#111; }
.checklist .result { font-size:22px; font-weight:700; }
.checklist .card, .pcard { border:1px solid #999; border-radius:8px; padding:8px 12px; margin:10px 0; }
.checklist ul.conds { list-style:none; padding-left:4px; margin:6px 0; }
.checklist .warn { color:#8a3b00; }
.pcard .name { font-size:20px; font-weight:700; }
.pcard p { margin:3px 0; }
table.docs { border-collapse:collapse; width:100%; font-size:16px; }
table.docs td, table.docs th { border:1px solid #999; padding:4px 6px; vertical-align:top; }
@media (max-width: 640px) {
  table.docs tr:first-child { display:none; }
  table.docs, table.docs tr, table.docs td { display:block; width:auto; border:none; }
  table.docs tr { border:1px solid #999; border-radius:8px; margin:8px 0; padding:6px 8px; }
  table.docs td::before { content: attr(data-label) ":"; color:#555; }
  .turn .q { margin-left:6%; }
}
"""

# the conversation's own script (gr.HTML js_on_load): the view goes to the start of a new answer; 复制 and
# 分享 give the exchange's plain text (the Web Share API where the browser has it, else the clipboard);
# 有用/没用 are sent to the server as a "like" event
CONV_JS = """
let seen = 0;
function goToNewAnswer() {
  const turns = element.querySelectorAll('.turn');
  if (!turns.length) { seen = 0; return; }
  const last = turns[turns.length - 1];
  const n = Number(last.dataset.turn);
  if (n > seen) {
    seen = n;
    if (element.offsetParent === null) return;  // a tab not shown
    // the question with the answer's start when the question is short, else the answer's start
    const q = last.querySelector('.q');
    const target = q && q.offsetHeight < window.innerHeight * 0.3 ? last : (last.querySelector('.a') || last);
    target.scrollIntoView({block: 'start'});
  }
}
watch('value', goToNewAnswer);
goToNewAnswer();
async function copyText(text) {
  try { await navigator.clipboard.writeText(text); return true; } catch (e) {
    const ta = document.createElement('textarea'); ta.value = text; document.body.appendChild(ta); ta.select();
    const ok = document.execCommand('copy'); ta.remove(); return ok; }
}
function say(button, words) { const old = button.textContent; button.textContent = words;
  setTimeout(() => { button.textContent = old; }, 1600); }
element.addEventListener('click', async (e) => {
  const b = e.target.closest('button[data-act]'); if (!b) return;
  const turn = b.closest('.turn'); if (!turn) return;
  const text = turn.dataset.plain || '';
  if (b.dataset.act === 'copy') { if (await copyText(text)) say(b, '@COPIED@'); }
  else if (b.dataset.act === 'share') {
    if (navigator.share) { try { await navigator.share({title: '@TITLE@', text: text}); } catch (err) {} }
    else if (await copyText(text)) { say(b, '@COPIED_CHAT@'); }
  } else if (b.dataset.act === 'like') {
    turn.querySelectorAll('button[data-act=like]').forEach(x => x.classList.remove('chosen'));
    b.classList.add('chosen');
    trigger('like', {turn: Number(turn.dataset.turn), liked: b.dataset.v === '1'});
  }
});
""".replace("@COPIED@", T.COPIED).replace("@COPIED_CHAT@", T.COPIED_FOR_CHAT).replace("@TITLE@", T.RECORD_TITLE)

# the 大字 switch: remembered in the browser, applied at load
BIGTEXT_HTML = f"<button type='button' class='bigtext' aria-pressed='false'>{T.BIGTEXT}</button>"
BIGTEXT_JS = """
const KEY = 'advisor-bigtext';
const btn = element.querySelector('button.bigtext');
function apply() { const on = localStorage.getItem(KEY) === '1';
  document.documentElement.classList.toggle('bigtext', on); btn.setAttribute('aria-pressed', on ? 'true' : 'false'); }
btn.addEventListener('click', () => { localStorage.setItem(KEY, localStorage.getItem(KEY) === '1' ? '0' : '1'); apply(); });
apply();
"""
