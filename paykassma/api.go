package paykassma

import "context"

// API is the Paykassma API as the checkout calls it: the methods of Client
// it uses, so the cache, the logging and tests can stand in for it.
type API interface {
	PaymentSystems(ctx context.Context, req PaymentSystemsRequest) (*PaymentSystems, error)
	Mediahints(ctx context.Context) (Mediahints, error)
	CreateTransaction(ctx context.Context, walletType string, req CreateTransactionRequest) (*Transaction, error)
	Activate(ctx context.Context, req ActivateRequest) (Activation, error)
	PossibleTransaction(ctx context.Context, req PossibleTransactionRequest) (Activation, error)
	CreateBkashPayment(ctx context.Context, req BkashPaymentRequest) (*RedirectPayment, error)
	CreateNagadPayment(ctx context.Context, req NagadPaymentRequest) (*RedirectPayment, error)
	DepositInfo(ctx context.Context, req DepositInfoRequest) (*DepositInfo, error)
	DepositStatuses(ctx context.Context, customOrderIDs []string) ([]DepositStatus, error)
}

var _ API = (*Client)(nil)
