// The voting form. The name this browser stored before wins over ?userID=, which only
// pre-fills the name of a new visitor. The participant token, needed to change one's own
// answers, stays in this browser.
(function () {
  const form = document.getElementById('vote-form');
  if (!form) return;
  const slug = form.dataset.slug;
  const nameInput = document.getElementById('name');
  const status = document.getElementById('vote-status');
  const withdrawButton = document.getElementById('withdraw');
  const tokenKey = 'tavern:participant:' + slug;
  const storedName = localStorage.getItem('tavern:name');
  const userId = new URLSearchParams(location.search).get('userID');
  nameInput.value = storedName || userId || '';

  const me = JSON.parse(localStorage.getItem(tokenKey) || 'null');
  if (me) {
    withdrawButton.hidden = false;
    fetch('/api/events/' + encodeURIComponent(slug)).then(function (r) { return r.json(); }).then(function (event) {
      const mine = event.participants.find(function (p) { return p.id === me.participantId; });
      if (!mine) return;
      nameInput.value = mine.name;
      Object.keys(mine.answers).forEach(function (slotId) {
        const input = form.querySelector('input[name="slot-' + slotId + '"][value="' + mine.answers[slotId] + '"]');
        if (input) input.checked = true;
      });
    });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    const answers = {};
    form.querySelectorAll('input[type=radio]:checked').forEach(function (input) {
      answers[input.name.substring('slot-'.length)] = input.value;
    });
    const headers = { 'Content-Type': 'application/json' };
    if (me) headers['X-Participant-Token'] = me.token;
    status.textContent = 'Saving…';
    fetch('/api/events/' + encodeURIComponent(slug) + '/votes', {
      method: 'PUT', headers: headers, body: JSON.stringify({ name: nameInput.value, answers: answers })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (!result.ok) {
        status.textContent = result.body.message || explain(result.body);
        return;
      }
      localStorage.setItem('tavern:name', result.body.name);
      if (result.body.participantToken) {
        localStorage.setItem(tokenKey, JSON.stringify({ participantId: result.body.participantId, token: result.body.participantToken }));
      }
      status.textContent = 'Saved.';
      location.reload();
    }).catch(function () { status.textContent = 'Could not save: check your connection and try again.'; });
  });

  withdrawButton.addEventListener('click', function () {
    if (!me || !confirm('Withdraw from this event?')) return;
    fetch('/api/events/' + encodeURIComponent(slug) + '/votes', { method: 'DELETE', headers: { 'X-Participant-Token': me.token } })
      .then(function (response) {
        if (response.ok) { localStorage.removeItem(tokenKey); location.reload(); }
        else { status.textContent = 'Could not withdraw.'; }
      });
  });

  function explain(body) {
    if (body.details) return Object.keys(body.details).map(function (k) { return k + ': ' + body.details[k].join(', '); }).join('; ');
    return body.error || 'Something went wrong.';
  }
})();
