/**
 * 通知公告 rich text: a small HTML subset kept, everything else dropped. Allowed tags have no
 * attributes except <img src> with a cloud:// , https:// or /storage/ source (or the local preview's
 * http://localhost…/storage/ temp URLs). Text is escaped.
 */
const ALLOWED = new Set(['p', 'br', 'strong', 'b', 'em', 'i', 'u', 'ul', 'ol', 'li', 'h3', 'h4', 'blockquote']);
const VOID = new Set(['br', 'img']);

const escapeText = (s: string) => s.replace(/&(?!(amp|lt|gt|quot|#\d+);)/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function sanitizeRichText(html: string): string {
  const out: string[] = [];
  const open: string[] = [];
  const re = /<\s*(\/)?\s*([a-zA-Z0-9]+)([^>]*)>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  let skipDepth = 0;
  let skipTag = '';
  while ((m = re.exec(html))) {
    const text = html.slice(last, m.index);
    if (!skipDepth) out.push(escapeText(text));
    last = re.lastIndex;
    const closing = !!m[1];
    const tag = m[2].toLowerCase();
    if (tag === 'script' || tag === 'style') {
      if (!closing) { skipDepth += 1; skipTag = tag; } else if (skipTag === tag) skipDepth = Math.max(0, skipDepth - 1);
      continue;
    }
    if (skipDepth) continue;
    if (tag === 'img' && !closing) {
      const src = /\bsrc\s*=\s*("([^"]*)"|'([^']*)')/i.exec(m[3]);
      const url = src ? (src[2] ?? src[3] ?? '') : '';
      if (/^(cloud:\/\/|https:\/\/|\/storage\/|http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\/storage\/)[^\s"'<>]*$/.test(url)) out.push(`<img src="${url}" style="max-width:100%"/>`);
      continue;
    }
    if (!ALLOWED.has(tag)) continue;
    if (closing) {
      const i = open.lastIndexOf(tag);
      if (i === -1) continue;
      while (open.length > i) out.push(`</${open.pop()}>`);
    } else if (VOID.has(tag)) out.push(`<${tag}/>`);
    else {
      out.push(`<${tag}>`);
      open.push(tag);
    }
  }
  if (!skipDepth) out.push(escapeText(html.slice(last)));
  while (open.length) out.push(`</${open.pop()}>`);
  return out.join('');
}

export function plainSummary(html: string, max = 60): string {
  const text = html.replace(/<[^>]*>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
  const c = [...text];
  return c.length > max ? `${c.slice(0, max - 1).join('')}…` : text;
}
