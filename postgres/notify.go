package postgres

import (
	"context"
	"fmt"
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

// relistenAfter is how long follow waits before it reconnects a lost
// listening connection.
const relistenAfter = time.Second

// listenAppName marks the listening connections in pg_stat_activity.
const listenAppName = "jobmatch-listen"

// FollowChanges calls indexChanged or modelChanged whenever a commit
// changed indexed rows or model versions, until ctx ends (see follow).
func (db *DB) FollowChanges(ctx context.Context, indexChanged, modelChanged func(), connected func(err error)) {
	db.follow(ctx, map[string]func(){channelIndex: indexChanged, channelModel: modelChanged}, connected)
}

// FollowTokenChanges calls changed whenever a commit revoked or deleted API
// tokens, until ctx ends (see follow).
func (db *DB) FollowTokenChanges(ctx context.Context, changed func(), connected func(err error)) {
	db.follow(ctx, map[string]func(){channelTokens: changed}, connected)
}

// follow LISTENs on the channels of on, on a connection of its own, and
// calls on[channel] for each notification until ctx ends. Whenever it
// starts listening it calls every handler, since notifications sent while
// no connection listened are lost, and then connected(nil); when an attempt
// fails or the connection is lost it calls connected(err) and tries again
// after relistenAfter.
func (db *DB) follow(ctx context.Context, on map[string]func(), connected func(err error)) {
	for {
		err := db.listen(ctx, func() {
			for _, f := range on {
				f()
			}
			connected(nil)
		}, on)
		if ctx.Err() != nil {
			return
		}
		connected(err)
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
