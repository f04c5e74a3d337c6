import { describe, expect, it } from 'vitest';
import { escapeHtml, html, jsonScript } from '../../src/site/html.js';
import { HOSTILE_TOKEN } from './seedReports.js';

describe('html escaping', () => {
  it('escapes every character that can open markup or end an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&\`</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;',
    );
  });

  it('escapes interpolated text, in content and in attributes, but not SafeHtml', () => {
    const out = html`<p title="${HOSTILE_TOKEN}">${HOSTILE_TOKEN}${html`<b>ok</b>`}${[HOSTILE_TOKEN, 1]}</p>`.value;
    expect(out).not.toContain('<img');
    expect(out).toBe(
      '<p title="&lt;img src=x onerror=alert(1)&gt;">&lt;img src=x onerror=alert(1)&gt;<b>ok</b>&lt;img src=x onerror=alert(1)&gt;1</p>',
    );
  });

  it('renders nothing for null, undefined and false', () => {
    expect(html`[${null}${undefined}${false}${0}]`.value).toBe('[0]');
  });

  it('keeps JSON for scripts inert: no tag can close the script element', () => {
    const data = { label: `</script><script>alert(1)</script>${HOSTILE_TOKEN}`, line: '\u2028' };
    const out = jsonScript('d', data).value;
    const body = out.slice(out.indexOf('>') + 1, out.lastIndexOf('</script>'));
    expect(body).not.toMatch(/[<>]/);
    expect(JSON.parse(body)).toEqual(data);
  });
});
