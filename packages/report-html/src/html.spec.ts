import { bdi, escapeHtml, fmt, inlineScript, jsonForScript, text } from './html.js';

describe('escaping', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(3.5)).toBe('3.5');
  });

  it('isolates right-to-left runs inside English text', () => {
    expect(text('Morocco (المغرب) and Iran (ایران) <b>')).toBe('Morocco (<bdi dir="rtl">المغرب</bdi>) and Iran (<bdi dir="rtl">ایران</bdi>) &lt;b&gt;');
    // A multi-word run stays one isolate.
    expect(text('in جمهوری اسلامی ایران today')).toBe('in <bdi dir="rtl">جمهوری اسلامی ایران</bdi> today');
    expect(text('plain English')).toBe('plain English');
    expect(bdi('ایران<')).toBe('<bdi dir="auto">ایران&lt;</bdi>');
  });

  it('makes JSON safe inside a script element', () => {
    const out = jsonForScript({ a: '</script><!-- & \u2028' });
    expect(out).not.toMatch(/<|>|&|\u2028/);
    expect(JSON.parse(out)).toEqual({ a: '</script><!-- & \u2028' });
  });

  it('neutralises </script and <!-- in inlined JavaScript', () => {
    const src = 'var s = "</script>"; var t = "<!--";';
    const out = inlineScript(src);
    expect(out).not.toMatch(/<\/script|<!--/i);
    // eslint-disable-next-line no-new-func
    expect(new Function(`${out}; return [s, t];`)()).toEqual(['</script>', '<!--']);
  });

  it('formats numbers with a true minus and no negative zero', () => {
    expect(fmt(-1.234)).toBe('−1.23');
    expect(fmt(-0.001)).toBe('0.00');
    expect(fmt(null)).toBe('–');
    expect(fmt(Number.NaN)).toBe('–');
  });
});
