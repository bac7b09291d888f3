// Recording visits with a poor signal. The page works without this script; with it, each recording gets its own
// id and the phone's time, waits on the phone (localStorage) until it is sent, and is sent again when the signal
// comes back. The server records each id once, so sending twice does no harm.
const KEY = 'ownway.enablement.visitQueue'

function load () {
  try { return JSON.parse(window.localStorage.getItem(KEY) || '[]') } catch (e) { return [] }
}

function save (queue) { window.localStorage.setItem(KEY, JSON.stringify(queue)) }

function say (text) {
  const box = document.getElementById('visit-queue')
  if (!box) return
  box.innerHTML = ''
  if (!text) return
  const p = document.createElement('p')
  p.className = 'govuk-inset-text'
  p.textContent = text
  box.appendChild(p)
}

function newId () {
  if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID()
  const b = new Uint8Array(16)
  window.crypto.getRandomValues(b)
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

let sending = false

async function flush () {
  if (sending) return { sent: 0, refused: [] }
  sending = true
  let sent = 0
  const refused = []
  try {
    for (const item of load()) {
      let response
      try {
        response = await window.fetch(item.url, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(item.fields).toString()
        })
      } catch (e) {
        break // no signal: try again later, in the same order
      }
      if (response.status >= 500) break
      let answer = {}
      try { answer = await response.json() } catch (e) {}
      if (!response.ok) {
        const errors = Object.values(answer.errors || {}).flat().map((m) => m.message || m)
        refused.push(errors.join('. ') || 'The recording was refused')
      } else {
        sent += 1
      }
      save(load().filter((other) => other.fields.client_id !== item.fields.client_id))
    }
  } finally {
    sending = false
  }
  const waiting = load().length
  if (refused.length) say(`Not recorded: ${refused.join('. ')}`)
  else if (waiting) say(`${waiting} recording${waiting === 1 ? ' is' : 's are'} saved on this phone and will be sent when you have a signal.`)
  return { sent, refused }
}

function queue (form, kind) {
  const fields = Object.fromEntries(new FormData(form).entries())
  fields.kind = kind
  fields.client_id = newId()
  fields.device_time = new Date().toISOString()
  const items = load()
  items.push({ url: form.action || window.location.href, fields })
  save(items)
}

function start () {
  const form = document.querySelector('form[data-visit-record]')
  if (form) {
    form.addEventListener('submit', async (event) => {
      const button = event.submitter
      if (!button || button.name !== 'kind') return
      event.preventDefault()
      queue(form, button.value)
      const { sent, refused } = await flush()
      if (sent && !refused.length) { window.location.reload(); return }
      if (!refused.length && button.value === 'arrive') {
        // Offline: let the worker record leaving too, which waits behind the arrival.
        button.value = 'depart'
        button.textContent = 'I have left'
      } else if (!refused.length) {
        button.disabled = true
      }
    })
  }
  window.addEventListener('online', flush)
  window.setInterval(flush, 30000)
  if (load().length) flush()
}

start()
