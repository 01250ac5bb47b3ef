// Streamer overlay: opens this streamer's channel with the token from the page address, shows
// each roll for a while (criticals longer and larger) and reconnects by itself after a drop,
// asking for what it missed with the last position it was sent. The gateway sends every roll
// after that position exactly once, so every roll that arrives is shown.
(function () {
  const streamerId = location.pathname.split('/').filter(Boolean).pop();
  const token = new URLSearchParams(location.search).get('token') || '';
  const list = document.getElementById('rolls');
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const address = scheme + '//' + location.host + '/ws/streamer/' + encodeURIComponent(streamerId)
      + '/dice-rolls?token=' + encodeURIComponent(token);
  let delay = 1000;
  let position = null;

  function show(event) {
    const roll = event.data;
    const critical = event.type === 'dice:critical';
    const card = document.createElement('li');
    card.className = 'roll' + (critical ? ' critical ' + (roll.criticalType || '') : '');
    card.dataset.rollId = roll.id;
    if (critical) {
      const labels = { success: 'Critical success', failure: 'Critical failure' };
      append(card, 'span', 'label', labels[roll.criticalType] || 'Critical');
    }
    append(card, 'span', 'who', roll.characterName);
    append(card, 'span', 'formula', roll.rollFormula);
    append(card, 'span', 'result', String(roll.result));
    if (Array.isArray(roll.diceResults)) {
      append(card, 'div', 'dice', 'Dice: ' + roll.diceResults.join(' · '));
    }
    list.prepend(card);
    while (list.children.length > 6) list.lastElementChild.remove();
    setTimeout(function () { card.classList.add('leaving'); }, critical ? 15000 : 8000);
    setTimeout(function () { card.remove(); }, critical ? 16000 : 9000);
  }

  function append(parent, tag, className, text) {
    const element = document.createElement(tag);
    element.className = className;
    element.textContent = text;
    parent.appendChild(element);
  }

  function connect() {
    const socket = new WebSocket(position === null ? address : address + '&since=' + encodeURIComponent(position));
    socket.onmessage = function (message) {
      const event = JSON.parse(message.data);
      if (typeof event.position === 'string') position = event.position;
      if (event.type === 'subscribed') {
        delay = 1000;
        document.body.dataset.connected = 'true';
      } else if (event.type === 'dice:roll' || event.type === 'dice:critical') {
        show(event);
      } // resync: nothing to replay, carry on from the position that follows.
    };
    socket.onclose = function (closed) {
      document.body.dataset.connected = 'false';
      if (closed.code === 4003) return; // This link was revoked: asking again would only be refused.
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }

  connect();
})();
