package lenient

import (
	"encoding/json"
	"fmt"
	"time"
)

// The types below copy the shapes oapi-codegen v2.8.2 generates for the
// vendors' response models (komerza, bitbybit and slugorders
// internal/api/api.gen.go): pointers for optional members, named string
// enums, time.Time, maps, and types whose generated MarshalJSON and
// UnmarshalJSON keep unknown members in AdditionalProperties. The methods
// follow the generator's template line for line, so the fallback is tested
// against the code it will meet.

// testResponse is the success envelope.
type testResponse struct {
	Code    *string    `json:"code,omitempty"`
	Data    *testOrder `json:"data,omitempty"`
	Details []string   `json:"details,omitempty"`
	Message *string    `json:"message,omitempty"`
	Success *bool      `json:"success,omitempty"`
}

// testOrder is the created order.
type testOrder struct {
	Amount             *float64               `json:"amount,omitempty"`
	BillingAddress     *testAddress           `json:"billingAddress,omitempty"`
	CreatedAt          *time.Time             `json:"createdAt,omitempty"`
	CustomFieldAnswers testCustomFieldAnswers `json:"customFieldAnswers,omitempty"`
	Customer           *testCustomer          `json:"customer,omitempty"`
	Discount           testDiscount           `json:"discount"`
	FinancialStatus    *testFinancialStatus   `json:"financialStatus,omitempty"`
	GatewayData        json.RawMessage        `json:"gatewayData,omitempty"`
	ID                 *string                `json:"id,omitempty"`
	LineItems          []testLineItem         `json:"lineItems,omitempty"`
	Metadata           *testMetadata          `json:"metadata,omitempty"`
	Paid               bool                   `json:"paid"`
	Tags               []string               `json:"tags,omitempty"`
	Total              *float32               `json:"total,omitempty"`
	UpdatedAt          time.Time              `json:"updatedAt"`
	Version            int                    `json:"version"`
}

// testFinancialStatus is a generated enum.
type testFinancialStatus string

// The enum's values, as generated.
const (
	testFinancialStatusPaid    testFinancialStatus = "paid"
	testFinancialStatusPending testFinancialStatus = "pending"
)

// testCustomFieldAnswers is a generated map type.
type testCustomFieldAnswers map[string]string

// testCustomer is a plain generated struct.
type testCustomer struct {
	Email       *string `json:"email,omitempty"`
	FirstName   *string `json:"firstName,omitempty"`
	ID          *string `json:"id,omitempty"`
	LastName    *string `json:"lastName,omitempty"`
	PhoneNumber *string `json:"phoneNumber,omitempty"`
}

// testDiscount is held by value, not through a pointer.
type testDiscount struct {
	Code               *string  `json:"code,omitempty"`
	DateCreated        *string  `json:"dateCreated,omitempty"`
	ID                 *string  `json:"id,omitempty"`
	NetDecrease        *float64 `json:"netDecrease,omitempty"`
	PercentageDecrease *float64 `json:"percentageDecrease,omitempty"`
}

// testLineItem has integers both through a pointer and by value.
type testLineItem struct {
	ID             *string             `json:"id,omitempty"`
	Price          *float32            `json:"price,omitempty"`
	ProductVariant *testProductVariant `json:"productVariant,omitempty"`
	Quantity       *int                `json:"quantity,omitempty"`
	Title          *string             `json:"title,omitempty"`
	Units          int32               `json:"units"`
}

// testProductVariant is a nested generated struct.
type testProductVariant struct {
	CompareAtPrice *float32 `json:"compareAtPrice,omitempty"`
	ID             *string  `json:"id,omitempty"`
	InventorySku   *string  `json:"inventorySku,omitempty"`
	Price          *float32 `json:"price,omitempty"`
}

// testAddress has free-form additionalProperties.
type testAddress struct {
	City                 *string                `json:"city,omitempty"`
	CountryCode          *string                `json:"countryCode,omitempty"`
	Floor                *int                   `json:"floor,omitempty"`
	ID                   *string                `json:"id,omitempty"`
	PostalCode           *string                `json:"postalCode,omitempty"`
	AdditionalProperties map[string]interface{} `json:"-"`
}

// testMetadata has additionalProperties of type string.
type testMetadata struct {
	Source               *string           `json:"source,omitempty"`
	AdditionalProperties map[string]string `json:"-"`
}

// Override default JSON handling for testAddress to handle AdditionalProperties
func (a *testAddress) UnmarshalJSON(b []byte) error {
	object := make(map[string]json.RawMessage)
	err := json.Unmarshal(b, &object)
	if err != nil {
		return err
	}

	if raw, found := object["city"]; found {
		err = json.Unmarshal(raw, &a.City)
		if err != nil {
			return fmt.Errorf("error reading 'city': %w", err)
		}
		delete(object, "city")
	}

	if raw, found := object["countryCode"]; found {
		err = json.Unmarshal(raw, &a.CountryCode)
		if err != nil {
			return fmt.Errorf("error reading 'countryCode': %w", err)
		}
		delete(object, "countryCode")
	}

	if raw, found := object["floor"]; found {
		err = json.Unmarshal(raw, &a.Floor)
		if err != nil {
			return fmt.Errorf("error reading 'floor': %w", err)
		}
		delete(object, "floor")
	}

	if raw, found := object["id"]; found {
		err = json.Unmarshal(raw, &a.ID)
		if err != nil {
			return fmt.Errorf("error reading 'id': %w", err)
		}
		delete(object, "id")
	}

	if raw, found := object["postalCode"]; found {
		err = json.Unmarshal(raw, &a.PostalCode)
		if err != nil {
			return fmt.Errorf("error reading 'postalCode': %w", err)
		}
		delete(object, "postalCode")
	}

	if len(object) != 0 {
		a.AdditionalProperties = make(map[string]interface{})
		for fieldName, fieldBuf := range object {
			var fieldVal interface{}
			err := json.Unmarshal(fieldBuf, &fieldVal)
			if err != nil {
				return fmt.Errorf("error unmarshaling field %s: %w", fieldName, err)
			}
			a.AdditionalProperties[fieldName] = fieldVal
		}
	}
	return nil
}

// Override default JSON handling for testAddress to handle AdditionalProperties
func (a testAddress) MarshalJSON() ([]byte, error) {
	var err error
	object := make(map[string]json.RawMessage)

	if a.City != nil {
		object["city"], err = json.Marshal(a.City)
		if err != nil {
			return nil, fmt.Errorf("error marshaling 'city': %w", err)
		}
	}

	if a.CountryCode != nil {
		object["countryCode"], err = json.Marshal(a.CountryCode)
		if err != nil {
			return nil, fmt.Errorf("error marshaling 'countryCode': %w", err)
		}
	}

	if a.Floor != nil {
		object["floor"], err = json.Marshal(a.Floor)
		if err != nil {
			return nil, fmt.Errorf("error marshaling 'floor': %w", err)
		}
	}

	if a.ID != nil {
		object["id"], err = json.Marshal(a.ID)
		if err != nil {
			return nil, fmt.Errorf("error marshaling 'id': %w", err)
		}
	}

	if a.PostalCode != nil {
		object["postalCode"], err = json.Marshal(a.PostalCode)
		if err != nil {
			return nil, fmt.Errorf("error marshaling 'postalCode': %w", err)
		}
	}

	for fieldName, field := range a.AdditionalProperties {
		object[fieldName], err = json.Marshal(field)
		if err != nil {
			return nil, fmt.Errorf("error marshaling '%s': %w", fieldName, err)
		}
	}
	return json.Marshal(object)
}

// Override default JSON handling for testMetadata to handle AdditionalProperties
func (a *testMetadata) UnmarshalJSON(b []byte) error {
	object := make(map[string]json.RawMessage)
	err := json.Unmarshal(b, &object)
	if err != nil {
		return err
	}

	if raw, found := object["source"]; found {
		err = json.Unmarshal(raw, &a.Source)
		if err != nil {
			return fmt.Errorf("error reading 'source': %w", err)
		}
		delete(object, "source")
	}

	if len(object) != 0 {
		a.AdditionalProperties = make(map[string]string)
		for fieldName, fieldBuf := range object {
			var fieldVal string
			err := json.Unmarshal(fieldBuf, &fieldVal)
			if err != nil {
				return fmt.Errorf("error unmarshaling field %s: %w", fieldName, err)
			}
			a.AdditionalProperties[fieldName] = fieldVal
		}
	}
	return nil
}

// Override default JSON handling for testMetadata to handle AdditionalProperties
func (a testMetadata) MarshalJSON() ([]byte, error) {
	var err error
	object := make(map[string]json.RawMessage)

	if a.Source != nil {
		object["source"], err = json.Marshal(a.Source)
		if err != nil {
			return nil, fmt.Errorf("error marshaling 'source': %w", err)
		}
	}

	for fieldName, field := range a.AdditionalProperties {
		object[fieldName], err = json.Marshal(field)
		if err != nil {
			return nil, fmt.Errorf("error marshaling '%s': %w", fieldName, err)
		}
	}
	return json.Marshal(object)
}
