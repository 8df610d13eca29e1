// Times of day in the reader's own time zone. The server writes them in UTC inside <time class="local-time">, with the
// instant in the datetime attribute and the exact UTC value as the title; this replaces the visible text with the same
// instant in the browser's zone ("1 Dec 2026, 12:14 CET"), so UTC stays on hover. Without JavaScript the page reads the
// same, in UTC. Content rendered later (enhanced navigation, interactive pages) is caught by a MutationObserver.
(() => {
  const format = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
  });

  const localize = element => {
    const instant = new Date(element.getAttribute('datetime'));
    if (Number.isNaN(instant.getTime())) return;
    const text = format.format(instant);
    if (element.textContent !== text) element.textContent = text;
  };

  const scan = node => {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    if (!element) return;
    const own = element.closest('time.local-time');
    if (own) { localize(own); return; }
    element.querySelectorAll('time.local-time').forEach(localize);
  };

  const start = () => {
    scan(document.body);
    new MutationObserver(records => records.forEach(record => {
      if (record.type === 'characterData') scan(record.target);
      record.addedNodes.forEach(scan);
    })).observe(document.body, { childList: true, subtree: true, characterData: true });
  };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
