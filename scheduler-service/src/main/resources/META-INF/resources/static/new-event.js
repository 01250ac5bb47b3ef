// The creation form: the viewer's timezone by default, and more time slots on demand.
(function () {
  const timezone = document.getElementById('timezone');
  if (timezone && (!timezone.value || timezone.value === 'UTC')) {
    timezone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  }
  const slots = document.getElementById('slots');
  document.getElementById('add-slot').addEventListener('click', function () {
    const index = slots.querySelectorAll('.slot').length;
    const row = slots.querySelector('.slot').cloneNode(true);
    row.querySelectorAll('.error').forEach(function (e) { e.remove(); });
    row.querySelectorAll('input').forEach(function (input) {
      const base = input.name;
      input.id = base + index;
      input.value = '';
      input.previousElementSibling.setAttribute('for', input.id);
    });
    slots.appendChild(row);
    row.querySelector('input').focus();
  });
})();
