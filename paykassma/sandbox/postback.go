package sandbox

import "net/http"

const datetime = "2006-01-02 15:04:05"

type postbackTxJSON struct {
	Amount            money   `json:"amount"`
	CurrencyCode      string  `json:"currency_code"`
	WalletType        string  `json:"wallet_type"`
	TransactionID     string  `json:"transaction_id"`
	TransactionType   int     `json:"transaction_type"`
	From              *string `json:"from"`
	CreatedDatetime   string  `json:"created_datetime"`
	ActivatedDatetime string  `json:"activated_datetime"`
	CustomID          *string `json:"custom_id"`
}

type depositPostbackJSON struct {
	TransactionID string           `json:"transaction_id,omitempty"`
	Label         string           `json:"label"`
	Stockpiling   map[string]money `json:"stockpiling"`
	StockpilingID int64            `json:"stockpiling_id"`
	Transactions  []postbackTxJSON `json:"transactions"`
}

// render gives the postback as the API shows it. pullpostbacks' example
// has no top-level transaction_id, so withTxnID says whether to include it.
// A postback never changes once made, so rendering needs no lock.
func (pb *depositPostback) render(withTxnID bool) *depositPostbackJSON {
	out := &depositPostbackJSON{
		Label:         pb.Label,
		Stockpiling:   map[string]money{pb.Currency: money(pb.Sum)},
		StockpilingID: pb.StockpilingID,
		Transactions:  []postbackTxJSON{},
	}
	if withTxnID {
		out.TransactionID = pb.TransactionID
	}
	for _, p := range pb.Transactions {
		var customID *string
		if p.CustomID != "" {
			id := p.CustomID
			customID = &id
		}
		out.Transactions = append(out.Transactions, postbackTxJSON{
			Amount:            money(p.Amount),
			CurrencyCode:      p.Currency,
			WalletType:        p.WalletType,
			TransactionID:     p.Key1,
			From:              p.From,
			CreatedDatetime:   p.Created.UTC().Format(datetime),
			ActivatedDatetime: p.Activated.UTC().Format(datetime),
			CustomID:          customID,
		})
	}
	return out
}

type withdrawalPostbackJSON struct {
	WithdrawalID    string             `json:"withdrawal_id"`
	Status          int                `json:"status"`
	Comment         string             `json:"comment"`
	PaymentSystem   string             `json:"payment_system"`
	Amount          int64              `json:"amount"`
	CurrencyCode    string             `json:"currency_code"`
	Label           string             `json:"label"`
	AccountNumber   string             `json:"account_number"`
	AccountName     string             `json:"account_name"`
	AccountEmail    *string            `json:"account_email"`
	PaymentsDetails map[string]*string `json:"payments_details"`
	BankDetails     map[string]*string `json:"bank_details"`
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (wd *withdrawal) render() *withdrawalPostbackJSON {
	return &withdrawalPostbackJSON{
		WithdrawalID:    wd.ID,
		Status:          1, // PROCESSED: the sandbox pays every accepted withdrawal
		Comment:         wd.Comment,
		PaymentSystem:   wd.PaymentSystem,
		Amount:          wd.Amount,
		CurrencyCode:    wd.Currency,
		Label:           wd.Label,
		AccountNumber:   wd.AccountNumber,
		AccountName:     wd.AccountName,
		AccountEmail:    nullable(wd.AccountEmail),
		PaymentsDetails: map[string]*string{"payments_provider": nullable(wd.PaymentsProvider)},
		BankDetails:     map[string]*string{"bank_code": nullable(wd.BankCode), "branch_code": nullable(wd.BranchCode)},
	}
}

func (s *Server) handlePostback(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	switch q.Get("type") {
	case "deposit":
		txnID, customID := q.Get("transaction_id"), q.Get("custom_id")
		if txnID == "" && customID == "" {
			failFields(w, "transaction_id", "The transaction id field is required when custom id is not present.")
			return
		}
		s.mu.Lock()
		pb := s.byTxnID[txnID]
		if txnID == "" {
			pb = s.byCustomID[customID]
		}
		s.mu.Unlock()
		if pb == nil {
			fail(w, "Postback not found")
			return
		}
		writeJSON(w, http.StatusOK, obj{"status": "ok", "postback": pb.render(true)})
	case "withdrawal":
		id := q.Get("withdrawal_id")
		if id == "" {
			failFields(w, "withdrawal_id", "The withdrawal id field is required when type is withdrawal.")
			return
		}
		s.mu.Lock()
		wd := s.withdrawals[id]
		s.mu.Unlock()
		if wd == nil {
			fail(w, "Postback not found")
			return
		}
		writeJSON(w, http.StatusOK, obj{"status": "ok", "postback": wd.render()})
	case "":
		failFields(w, "type", "The type field is required.")
	default:
		failFields(w, "type", "The selected type is invalid.")
	}
}

func (s *Server) handlePullPostbacks(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	switch q.Get("type") {
	case "deposit":
		ids := queryList(q, "plugin_custom_order_id")
		if len(ids) == 0 {
			failFields(w, "plugin_custom_order_id", "The plugin custom order id field is required when type is deposit.")
			return
		}
		type item struct {
			PluginCustomOrderID string               `json:"plugin_custom_order_id"`
			Message             string               `json:"message,omitempty"`
			Postback            *depositPostbackJSON `json:"postback,omitempty"`
		}
		items := make([]item, len(ids))
		s.mu.Lock()
		found := make([]*depositPostback, len(ids))
		for i, id := range ids {
			found[i] = s.byCustomID[id]
		}
		s.mu.Unlock()
		for i, id := range ids {
			items[i] = item{PluginCustomOrderID: id, Message: "Postback not found"}
			if found[i] != nil {
				items[i] = item{PluginCustomOrderID: id, Postback: found[i].render(false)}
			}
		}
		writeJSON(w, http.StatusOK, successBody(obj{"transactions": items}, &paginate{0, len(ids), len(ids)}))
	case "withdrawal":
		ids := queryList(q, "withdrawal_id")
		if len(ids) == 0 {
			failFields(w, "withdrawal_id", "The withdrawal id field is required when type is withdrawal.")
			return
		}
		type item struct {
			WithdrawalID string                  `json:"withdrawal_id"`
			Message      string                  `json:"message,omitempty"`
			Postback     *withdrawalPostbackJSON `json:"postback,omitempty"`
		}
		items := make([]item, len(ids))
		s.mu.Lock()
		for i, id := range ids {
			items[i] = item{WithdrawalID: id, Message: "Postback not found"}
			if wd := s.withdrawals[id]; wd != nil {
				items[i] = item{WithdrawalID: id, Postback: wd.render()}
			}
		}
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, successBody(obj{"withdrawals": items}, &paginate{0, len(ids), len(ids)}))
	case "":
		failFields(w, "type", "The type field is required.")
	default:
		failFields(w, "type", "The selected type is invalid.")
	}
}

func (s *Server) handleAccountsBalance(w http.ResponseWriter, r *http.Request) {
	type item struct {
		WalletType   string `json:"wallet_type"`
		CurrencyCode string `json:"currency_code"`
		Amount       money  `json:"amount"`
	}
	s.mu.Lock()
	items := make([]item, 0, len(s.balances))
	for _, b := range s.balances {
		items = append(items, item{b.WalletType, b.Currency, money(b.Amount)})
	}
	s.mu.Unlock()
	success(w, obj{"balances": items})
}
