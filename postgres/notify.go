package postgres

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
)

// Notification channels the triggers of migrations 000009 and 000012 send
// on, with an empty payload: a wake-up, never the change itself.
const (
	channelIndex  = "jobmatch_index"  // a commit changed indexed rows (index_changes)
	channelModel  = "jobmatch_model"  // a commit changed model_versions
	channelTokens = "jobmatch_tokens" // a commit revoked or deleted API tokens
)

// relistenAfter is how long a follower waits before it reconnects a lost
// listening connection.
const relistenAfter = time.Second

// listenAppName marks the listening connections in pg_stat_activity.
const listenAppName = "jobmatch-listen"

// ListenChanges opens a connection of its own and LISTENs for commits that
// changed indexed rows or model versions. It calls ready once it listens,
// then indexChanged or modelChanged for each notification, until ctx ends
// or the connection is lost; it returns the reason. Callers reconnect by
// calling it again and should assume they missed notifications meanwhile.
func (db *DB) ListenChanges(ctx context.Context, ready, indexChanged, modelChanged func()) error {
	return db.listen(ctx, ready, map[string]func(){channelIndex: indexChanged, channelModel: modelChanged})
}

// FollowTokenChanges calls changed whenever a commit revokes or deletes API
// tokens, and whenever it starts listening, since notifications sent while
// no connection listened are lost. It reconnects a lost connection after a
// second and returns when ctx ends.
func (db *DB) FollowTokenChanges(ctx context.Context, log *slog.Logger, changed func()) {
	for {
		err := db.listen(ctx, changed, map[string]func(){channelTokens: changed})
		if ctx.Err() != nil {
			return
		}
		log.Warn("listening for API token revocations failed; cached tokens expire on their own until it reconnects", "error", err.Error())
		select {
		case <-ctx.Done():
			return
		case <-time.After(relistenAfter):
		}
	}
}

// listen opens a connection of its own, LISTENs on the channels of on and
// calls ready once it listens, then on[channel] for each notification,
// until ctx ends or the connection is lost; it returns the reason.
func (db *DB) listen(ctx context.Context, ready func(), on map[string]func()) error {
	cfg := db.pool.Config().ConnConfig.Copy()
	cfg.RuntimeParams["application_name"] = listenAppName
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return fmt.Errorf("postgres: listen: connect: %w", err)
	}
	defer func() {
		closeCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		conn.Close(closeCtx)
	}()
	for channel := range on {
		if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{channel}.Sanitize()); err != nil {
			return fmt.Errorf("postgres: listen: %w", err)
		}
	}
	ready()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return fmt.Errorf("postgres: listen: %w", err)
		}
		if f := on[n.Channel]; f != nil {
			f()
		}
	}
}
