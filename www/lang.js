// On the English pages at the site's root only: if the browser prefers a language the site has,
// offer it with one link at the top of the page's content, written in that language. It never moves the
// person anywhere, stores nothing and sends nothing; without JavaScript the language list at the
// bottom of every page does the same.
(() => {
  const links = new Map();
  for (const a of document.querySelectorAll('#languages a[data-locale][data-offer]')) links.set(a.dataset.locale, a);
  // Our locale for a browser language: pt-BR and en-GB keep their region, Norwegian is Bokmål.
  const ours = (tag) => {
    const [lang, region = ''] = tag.toLowerCase().split(/[-_]/);
    const regional = `${lang}-${region}`;
    if (regional === 'pt-br' || regional === 'en-gb') return regional;
    return lang === 'no' || lang === 'nn' ? 'nb' : lang;
  };
  for (const tag of navigator.languages || [navigator.language || '']) {
    const locale = ours(tag);
    if (locale === 'en' || locale === 'en-gb') return; // the person reads English first: this page
    const link = links.get(locale);
    if (!link) continue;
    const offer = document.createElement('p');
    offer.className = 'lang-offer';
    offer.lang = link.lang;
    const a = document.createElement('a');
    a.href = link.getAttribute('href');
    a.hreflang = link.hreflang;
    a.textContent = link.dataset.offer;
    offer.append(a);
    document.getElementById('main')?.prepend(offer);
    return;
  }
})();
