// Shows every <time data-utc> in the viewer's own timezone.
(function () {
  const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
  document.querySelectorAll('time[data-utc]').forEach(function (el) {
    const when = new Date(el.dataset.utc);
    if (isNaN(when)) return;
    el.setAttribute('datetime', el.dataset.utc);
    el.textContent = (el.hasAttribute('data-time-only') ? timeOnly : dateTime).format(when);
  });
})();
