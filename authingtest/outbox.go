package authingtest

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// The emulator's outbox: every SMS code and e-mail the server "sends" is
// kept here and served on routes outside Authing's API, so a client in
// any language (or curl) can complete a code-based flow:
//
//	GET    /_emulator/messages?to=<phone or email>  the messages sent, oldest first
//	DELETE /_emulator/messages                      forget them all

// codeLifetime is how long a verification code is valid, as in the cloud.
const codeLifetime = 5 * time.Minute

// maxOutbox bounds the outbox: the oldest messages are dropped first.
const maxOutbox = 1000

// sentMessage is one message the server "sent".
type sentMessage struct {
	Channel string    `json:"channel"` // "sms" or "email"
	To      string    `json:"to"`      // the phone number or e-mail address
	Scene   string    `json:"scene"`   // what the client said the code is for, "" when it did not
	Code    string    `json:"code"`
	Subject string    `json:"subject"` // e-mail only
	Body    string    `json:"body"`
	SentAt  time.Time `json:"sentAt"`
}

// outbox is the list of messages sent; it owns its locking.
type outbox struct {
	mu   sync.Mutex
	list []sentMessage
}

func (o *outbox) add(m sentMessage) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.list) >= maxOutbox {
		o.list = append(o.list[:0], o.list[1:]...)
	}
	o.list = append(o.list, m)
}

// sentTo returns the messages sent to an address, all when to is empty.
func (o *outbox) sentTo(to string) []sentMessage {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := []sentMessage{}
	for _, m := range o.list {
		if to == "" || m.To == to {
			out = append(out, m)
		}
	}
	return out
}

func (o *outbox) clear() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.list = nil
}

// codeTexts are the subject and body of a code's message by language, as
// fmt templates of the code and its lifetime in minutes.
var codeTexts = map[lang][2]string{
	langZH: {"您的验证码", "您的验证码是 %s，%d 分钟内有效。"},
	langEN: {"Your verification code", "Your verification code is %s. It expires in %d minutes."},
}

// codeMessage is the message that carries a code to an address
// ("phone:x" or "email:x"), in language l.
func codeMessage(address, scene, code string, now time.Time, l lang) sentMessage {
	kind, to, _ := strings.Cut(address, ":")
	text := codeTexts[l]
	body := fmt.Sprintf(text[1], code, int(codeLifetime.Minutes()))
	m := sentMessage{Channel: "sms", To: to, Scene: scene, Code: code, Body: body, SentAt: now.UTC()}
	if kind == "email" {
		m.Channel, m.Subject = "email", text[0]
	}
	return m
}

// emulatorAPI registers the outbox's routes.
func (s *Server) emulatorAPI() api {
	return api{routes: []route{
		{"GET /_emulator/messages", raw(s.listMessages)},
		{"DELETE /_emulator/messages", raw(s.clearMessages)},
	}}
}

// listMessages answers the messages sent to ?to= (all without it), as a
// JSON array.
func (s *Server) listMessages(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.st.outbox.sentTo(r.URL.Query().Get("to")))
}

// clearMessages forgets every message sent.
func (s *Server) clearMessages(w http.ResponseWriter, _ *http.Request) {
	s.st.outbox.clear()
	w.WriteHeader(http.StatusNoContent)
}
