import type { zhCN } from './zh-CN';

/**
 * Every locale is typed as the Chinese dictionary's shape: a key missing (or extra) in another
 * language is a compile error, and `t.now.title` is checked wherever it is used.
 */
export type Messages = typeof zhCN;
