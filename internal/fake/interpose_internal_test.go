package fake

import (
	"bytes"
	"testing"
)

// TestHeaderFragment checks the HEADERS frames Go's server does not send but
// a peer may: padded, with a priority, or too short for what their flags say.
func TestHeaderFragment(t *testing.T) {
	t.Parallel()
	block := []byte("block")
	priority := []byte{0, 0, 0, 3, 16}
	tests := []struct {
		name    string
		flags   uint8
		payload []byte
		want    []byte // nil: an error
	}{
		{"plain", 0, block, block},
		{"padded", flagPadded, append(append([]byte{2}, block...), 0, 0), block},
		{"with a priority", flagPriority, append(append([]byte{}, priority...), block...), block},
		{"padded, with a priority", flagPadded | flagPriority, append(append(append([]byte{1}, priority...), block...), 0), block},
		{"empty, padded", flagPadded, nil, nil},
		{"short of its priority", flagPriority, []byte{0, 0, 0}, nil},
		{"padded beyond its length", flagPadded, []byte{9, 'x'}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := appendFrame(nil, frameHeaders, tt.flags, 1, tt.payload)
			f, err := readFrame(bytes.NewReader(raw), nil)
			if err != nil {
				t.Fatal(err)
			}
			got, err := headerFragment(f)
			if tt.want == nil {
				if err == nil {
					t.Errorf("fragment %q, want an error", got)
				}
				return
			}
			if err != nil || !bytes.Equal(got, tt.want) {
				t.Errorf("fragment %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}
