/** The project's one module for Chinese retrieval (consultation engine and catalogue search). */
export * from './normalize';
export * from './tokens';
export * from './pinyin';
export * from './synonyms';
export * from './bm25';
