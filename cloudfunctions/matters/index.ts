/** 事项目录与办事指南. Routes only; handlers live beside it. */
import { labelForPath } from '../../core/matter/import';
import { createRouter } from '../shared/router';
import { get, home, list, search } from './handlers/browse';
import { importCatalogue } from './handlers/import';

export const main = createRouter('matters', { home, list, search, get, import: importCatalogue }, { labels: labelForPath });
