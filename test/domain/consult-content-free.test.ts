import { isContentFree } from '../../core/consult/content-free';

describe('content-free openings', () => {
  it.each(['你好，我想问个事', '请问', '在吗？', '您好！咨询一下', '我想问一下', '有个问题想咨询一下', 'Hello，在不在', '工作人员你好，我有点事想问问', '麻烦问下'])('%s says nothing yet', (text) => {
    expect(isContentFree(text)).toBe(true);
  });

  it.each(['你好，社保卡丢了怎么补办', '请问公积金怎么提取', '我想办居住证', '人工', '转人工', '今天天气怎么样', '我要投诉', '咨询一下护照', '', '  ，。'])('%s is not an empty opening', (text) => {
    expect(isContentFree(text)).toBe(false);
  });
});

it.each(['客服', '工作人员', '客服！'])('%s alone calls for a person: not an empty opening', (text) => {
  expect(isContentFree(text)).toBe(false);
});
