package client

import (
	"context"
	"iter"
	"net/http"
	"time"

	"github.com/authing-go/authing/internal/jsontime"
)

// AuditLog is one entry of the administrators' audit log.
type AuditLog struct {
	UserPoolID    string `json:"userpoolId"`
	AppID         string `json:"appId"`
	Event         string `json:"event"`
	IP            string `json:"clientIp"`
	OperatorARN   string `json:"operatorArn"`
	OperationName string `json:"operationName"`
	OperationDesc string `json:"operationDesc"`
	UserAgent     string `json:"ua"`
	Success       bool   `json:"success"`
	// CreatedAt is when it happened; zero when the server sent no date.
	CreatedAt time.Time `json:"createdAt,omitzero"`
}

// UnmarshalJSON decodes a AuditLog; dates that are "" or null are left unset.
func (l *AuditLog) UnmarshalJSON(b []byte) error {
	type plain AuditLog
	return jsontime.Unmarshal(b, (*plain)(l))
}

// AuditLogList is one page of the audit log.
type AuditLogList struct {
	TotalCount int         `json:"totalCount"`
	List       []*AuditLog `json:"list"`
}

// AuditLogOptions filter the audit log.
type AuditLogOptions struct {
	ListOptions
	ClientIP       string
	OperationNames []string
	// UserIDs keeps the operations of these administrators.
	UserIDs []string
	AppIDs  []string
}

// List returns one page of the audit log with REST
// GET /api/v2/analysis/audit.
func (s *AuditLogsService) List(ctx context.Context, opts *AuditLogOptions) (*AuditLogList, error) {
	const op = "AuditLogs.List"
	ctx = withOp(ctx, op)
	if opts == nil {
		opts = &AuditLogOptions{}
	}
	q := listQuery(&opts.ListOptions)
	if opts.ClientIP != "" {
		q.Set("clientip", opts.ClientIP)
	}
	for _, v := range opts.OperationNames {
		q.Add("operation_name", v)
	}
	for _, id := range opts.UserIDs {
		q.Add("operator_arn", "arn:cn:authing:"+s.mc.conn.opts.userPoolID+":user:"+id)
	}
	for _, v := range opts.AppIDs {
		q.Add("app_id", v)
	}
	var out AuditLogList
	if err := s.mc.gql.rest(ctx, restCall{method: http.MethodGet, path: "/api/v2/analysis/audit", query: q}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListIter walks every page of List, yielding each item: opts.Page is
// ignored and opts.Limit is the page size (default 50). It stops at the
// first error, which it yields.
func (s *AuditLogsService) ListIter(ctx context.Context, opts *AuditLogOptions) iter.Seq2[*AuditLog, error] {
	return listIter(ctx, opts, s.List, auditLogPage)
}

// ListUserActions returns one page of the users' action log with REST
// GET /api/v2/analysis/user-action (the same as Users.ListUserActions).
func (s *StatisticsService) ListUserActions(ctx context.Context, opts *UserActionOptions) (*UserActionList, error) {
	const op = "Statistics.ListUserActions"
	ctx = withOp(ctx, op)
	return s.mc.Users.ListUserActions(ctx, opts)
}

// ListUserActionsIter walks every page of ListUserActions, yielding each item: opts.Page is
// ignored and opts.Limit is the page size (default 50). It stops at the
// first error, which it yields.
func (s *StatisticsService) ListUserActionsIter(ctx context.Context, opts *UserActionOptions) iter.Seq2[*UserAction, error] {
	return listIter(ctx, opts, s.ListUserActions, userActionPage)
}
