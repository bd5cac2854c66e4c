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

// All walks every page of List.
func (s *AuditLogsService) All(ctx context.Context, opts *AuditLogOptions) iter.Seq2[*AuditLog, error] {
	o := AuditLogOptions{}
	if opts != nil {
		o = *opts
	}
	return pages(ctx, o.Limit, func(ctx context.Context, page, limit int) ([]*AuditLog, int, error) {
		o.Page, o.Limit = page, limit
		res, err := s.List(ctx, &o)
		if err != nil {
			return nil, 0, err
		}
		return res.List, res.TotalCount, nil
	})
}

// ListUserActions returns one page of the users' action log with REST
// GET /api/v2/analysis/user-action (the same as Users.ListUserActions).
func (s *StatisticsService) ListUserActions(ctx context.Context, opts *UserActionOptions) (*UserActionList, error) {
	return s.mc.Users.ListUserActions(ctx, opts)
}

// UserActionsAll walks every page of ListUserActions (the same as
// Users.ListUserActionsAll).
func (s *StatisticsService) UserActionsAll(ctx context.Context, opts *UserActionOptions) iter.Seq2[*UserAction, error] {
	return s.mc.Users.ListUserActionsAll(ctx, opts)
}
