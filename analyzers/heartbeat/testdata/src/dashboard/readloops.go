package dashboard

import (
	"net/http"
	"time"

	"github.com/gorilla/websocket"

	"wsutil"
)

var upgrader = websocket.Upgrader{}

// echo has no deadline at all: a dashboard that loses Wi-Fi is never
// noticed.
func echo(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	for {
		mt, msg, err := conn.ReadMessage() // want `ReadMessage in a loop on a websocket connection that never gets a read deadline: .*call SetReadDeadline\(time.Now\(\).Add\(pongWait\)\) before the loop and again in the pong handler`
		if err != nil {
			return
		}
		conn.WriteMessage(mt, msg)
		conn.ReadMessage() // the same loop and connection: reported once
	}
}

// commands hands the connection to a reader whose caller never sets a
// deadline either.
func commands(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	readCommands(conn)
}

func readCommands(conn *websocket.Conn) {
	var cmd struct{ Op string }
	for {
		if err := conn.ReadJSON(&cmd); err != nil { // want `ReadJSON in a loop on a websocket connection that never gets a read deadline`
			return
		}
	}
}

// ReadLoop is exported and has no caller here that sets a deadline: it
// is responsible for its own.
func ReadLoop(conn *websocket.Conn, out chan<- []byte) {
	for {
		_, msg, err := conn.ReadMessage() // want `ReadMessage in a loop`
		if err != nil {
			return
		}
		out <- msg
	}
}

// configured sets the deadline through a helper of this package.
func configured(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	setDeadlines(conn)
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

func setDeadlines(c *websocket.Conn) { // want setDeadlines:"setsReadDeadline.0."
	c.SetReadDeadline(time.Now().Add(pongWait))
	c.SetPongHandler(func(string) error { return c.SetReadDeadline(time.Now().Add(pongWait)) })
}

// shared sets the deadline through a helper of another package (a fact).
func shared(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	wsutil.Limit(conn)
	wsutil.ConfigureVia(4096, conn)
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// limitedOnly calls a helper that does not set a deadline.
func limitedOnly(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	wsutil.Limit(conn)
	for {
		if _, _, err := conn.ReadMessage(); err != nil { // want `ReadMessage in a loop`
			return
		}
	}
}

// delegated sets the deadline before handing the connection to a reader.
func delegated(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	conn.SetReadDeadline(time.Now().Add(pongWait))
	go drain(conn)
}

func drain(conn *websocket.Conn) {
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// raw sets the deadline on the underlying net.Conn.
func raw(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	for {
		conn.UnderlyingConn().SetReadDeadline(time.Now().Add(pongWait))
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// hello reads one message, not in a loop: not a read loop.
func hello(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	conn.ReadMessage()
}

// provisioning is a one-shot channel that a device closes itself.
func provisioning(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	for {
		//connlint:ignore heartbeat the provisioning tool closes the socket after its last message
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}
