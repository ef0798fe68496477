/** core/text: the one Chinese retrieval module (normalise, tokens, dictionary, pinyin, synonyms, BM25). */
import { Bm25Index, Dictionary, PinyinVocabulary, SynonymTable, bigrams, clauses, colloquial, compact, fold, isBlank, runs, topN } from '../../core/text';

describe('normalise', () => {
  it('folds width and case, strips punctuation and emoji for exact comparison', () => {
    expect(fold('ＧＪＪ提取')).toBe('gjj提取');
    expect(compact('  你好！👋 ')).toBe('你好');
    expect(isBlank(' \n 😀😀 ！')).toBe(true);
    expect(isBlank('社保')).toBe(false);
  });

  it('rewrites colloquial forms', () => {
    expect(colloquial('社保卡丢了咋办')).toBe('社保卡丢了怎么办');
    expect(colloquial('要带啥')).toBe('要带什么');
    expect(colloquial('身份证弄丢了')).toBe('身份证丢了');
    expect(colloquial('公积金能取吗')).toBe('公积金能提取吗');
    expect(colloquial('户口迁过来')).toBe('户口迁入');
    expect(colloquial('取号')).toBe('取号');
  });

  it('splits clauses at sentence punctuation', () => {
    expect(clauses('我去年在外地上班，今年回来了。社保怎么转？')).toEqual(['我去年在外地上班', '今年回来了', '社保怎么转']);
  });
});

describe('tokens', () => {
  it('splits CJK and latin runs, makes bigrams', () => {
    expect(runs('sfz丢了2次')).toEqual([{ text: 'sfz', cjk: false }, { text: '丢了', cjk: true }, { text: '2', cjk: false }, { text: '次', cjk: true }]);
    expect(bigrams('公积金')).toEqual(['公积', '积金']);
  });

  it('forward maximum matching prefers the longest dictionary word', () => {
    const d = new Dictionary(['社保', '社保卡', '补办', '公积金']);
    expect(d.segment('社保卡怎么补办')).toEqual(['社保卡', '补办']);
    expect(d.occurrences('补办社保卡').sort()).toEqual(['社保', '社保卡', '补办'].sort());
  });
});

describe('pinyin keys', () => {
  const vocab = new PinyinVocabulary(['社保', '社保卡', '公积金', '护照', '身份证', { word: '申报', weight: 0 }]);
  it('corrects homophone typos that share a character', () => {
    expect(vocab.correct('社宝卡丢了')).toBe('社保卡丢了');
    expect(vocab.correct('公基金提取')).toBe('公积金提取');
    expect(vocab.correct('护找怎么办')).toBe('护照怎么办');
    expect(vocab.homophones('身份正')).toEqual(['身份证']);
  });
  it('does not rewrite a word into an unrelated homophone', () => {
    expect(vocab.correct('涉报')).toBe('涉报'); // shebao, but shares no character with 社保
  });
  it('reads full pinyin and initials', () => {
    expect(vocab.latin('shebaoka')).toEqual(['社保卡']);
    expect(vocab.latin('gjj')).toEqual(['公积金']);
    expect(vocab.latin('sfz')).toEqual(['身份证']);
    expect(vocab.latin('sb')).toEqual(['社保']); // the heavier word wins over 申报
    expect(vocab.latin('shebao')).toContain('社保');
  });
});

describe('synonyms and BM25', () => {
  it('maps every member of a group to the same group', () => {
    const t = new SynonymTable([['驾照', '驾驶证', '驾驶本'], ['社保', '社会保险']]);
    expect(t.of('驾驶本')).toEqual(t.of('驾照'));
    expect(t.expand('驾照').sort()).toEqual(['驾驶本', '驾驶证'].sort());
    expect(t.of('护照')).toEqual([]);
  });

  it('ranks the document sharing the rarer term first', () => {
    const idx = new Bm25Index([['a', 'common'], ['b', 'common'], ['a', 'b', 'common', 'x', 'y', 'z']]);
    const top = topN(idx.search(['a', 'common']), 3);
    expect(top[0].doc).toBe(0);
    expect(idx.idf('common')).toBeLessThan(idx.idf('a'));
    expect(idx.search(['nothing']).size).toBe(0);
  });
});
