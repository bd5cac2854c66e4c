package client

import (
	"context"
	"iter"
	"net/http"
	"time"

	"github.com/authing-go/authing/internal/jsontime"
)

// AuditLog is one entry of the administrators' audit log, with Authing's
// field names.
type AuditLog struct {
	// Timestamp is when it happened; zero when the server sent no date.
	Timestamp    time.Time `json:"timestamp,omitzero"`
	UserPoolID   string    `json:"userPoolId"`
	UserPoolName string    `json:"userPoolName"`
	// UserID and Username name the administrator who acted.
	UserID   string `json:"userId"`
	Username string `json:"userName"`
	PhotoURL string `json:"photoUrl"`
	ClientIP string `json:"clientIp"`
	AppID    string `json:"appId"`
	AppName  string `json:"appName"`
	AppLogo  string `json:"appLogo"`
	// EventType names the operation, such as "user:create".
	EventType       string `json:"eventType"`
	EventDetails    string `json:"eventDetails"`
	EventResultCode string `json:"eventResultCode"`
	EventResultMsg  string `json:"eventResultMsg"`
	OperationParam  string `json:"operationParam"`
	OperationMode   string `json:"operationMode"`
	// UA is the client's user agent, parsed; nil when not sent.
	UA *UserAgentInfo `json:"ua"`
	// GeoIP locates ClientIP; nil when not sent.
	GeoIP *GeoIP `json:"geoip"`
}

// UnmarshalJSON decodes a AuditLog; dates that are "" or null are left unset.
func (l *AuditLog) UnmarshalJSON(b []byte) error {
	type plain AuditLog
	return jsontime.Unmarshal(b, (*plain)(l))
}

// UserAgentInfo is a user agent as Authing's log service parses it.
type UserAgentInfo struct {
	// Name is the browser or client, such as "Chrome".
	Name   string `json:"name"`
	OS     string `json:"os"`
	OSName string `json:"os_name,omitempty"`
	Device string `json:"device"`
	Major  string `json:"major,omitempty"`
	Minor  string `json:"minor,omitempty"`
	Patch  string `json:"patch,omitempty"`
	Build  string `json:"build,omitempty"`
}

// GeoIP is where an IP address is, as Authing's log service locates it.
type GeoIP struct {
	IP            string    `json:"ip"`
	CityName      string    `json:"city_name,omitempty"`
	RegionName    string    `json:"region_name,omitempty"`
	RegionCode    string    `json:"region_code,omitempty"`
	CountryName   string    `json:"country_name"`
	CountryCode2  string    `json:"country_code2"`
	CountryCode3  string    `json:"country_code3"`
	ContinentCode string    `json:"continent_code"`
	Timezone      string    `json:"timezone"`
	Latitude      float64   `json:"latitude"`
	Longitude     float64   `json:"longitude"`
	Location      *GeoPoint `json:"location"`
}

// GeoPoint is a latitude and longitude.
type GeoPoint struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
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
