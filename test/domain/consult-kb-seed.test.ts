/** The seeded knowledge base describes the mini-program as it is: where booking starts, how reminders arrive. */
import * as fs from 'node:fs';
import * as path from 'node:path';

const kb = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seed/consult-kb.json'), 'utf8')) as { faqs: { id: string; answer: string }[] };

it('the appointment FAQ points to 办事指南 → 预约办理 and WeChat subscription messages, not a home-page entry or SMS', () => {
  const faq = kb.faqs.find((f) => f.id === 'faq-appointment')!;
  expect(faq.answer).toContain('办事指南页点击“预约办理”');
  expect(faq.answer).toContain('微信订阅消息');
  expect(faq.answer).not.toContain('首页“预约办理”');
  expect(faq.answer).not.toContain('短信');
});
