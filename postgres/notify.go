package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Notification channels the triggers of migration 000009 send on, with an
// empty payload: a wake-up, never the change itself.
const (
	channelIndex = "jobmatch_index" // a commit changed indexed rows (index_changes)
	channelModel = "jobmatch_model" // a commit changed model_versions
)

// listenAppName marks the listening connections in pg_stat_activity.
const listenAppName = "jobmatch-listen"

// ListenChanges opens a connection of its own and LISTENs for commits that
// changed indexed rows or model versions. It calls ready once it listens,
// then indexChanged or modelChanged for each notification, until ctx ends
// or the connection is lost; it returns the reason. Callers reconnect by
// calling it again and should assume they missed notifications meanwhile.
func (db *DB) ListenChanges(ctx context.Context, ready, indexChanged, modelChanged func()) error {
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
	if _, err := conn.Exec(ctx, "LISTEN "+channelIndex+"; LISTEN "+channelModel); err != nil {
		return fmt.Errorf("postgres: listen: %w", err)
	}
	ready()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return fmt.Errorf("postgres: listen: %w", err)
		}
		switch n.Channel {
		case channelIndex:
			indexChanged()
		case channelModel:
			modelChanged()
		}
	}
}
