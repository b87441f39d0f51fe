# DHCP client: the Linux host adapter that runs the protocol core against
# real servers (spec/dhcp-client.md DHCP-003, DHCP-080).
#
# It is built from the adapter sources and the core's sources directly
# (not through libuser.a), with the user-library flags, so it depends on
# nothing but its own code.  tests/dhcp-client/test_real_dnsmasq.py runs it.

DHCP_HOST := $(BUILD)/host/dhcp-host
DHCP_HOST_SRCS := $(sort $(wildcard src/user/host/dhcp-host/*.c) $(wildcard src/user/lib/dhcp/*.c))
DHCP_HOST_OBJS := $(patsubst %.c,$(BUILD)/host/dhcp-obj/%.o,$(DHCP_HOST_SRCS))

$(BUILD)/host/dhcp-obj/%.o: %.c
	@mkdir -p $(@D)
	$(call say,CC,$@)
	$(Q)gcc $(USER_HOST_CFLAGS) -Isrc/user/host/dhcp-host -MMD -MP -c $< -o $@

$(DHCP_HOST): $(DHCP_HOST_OBJS)
	@mkdir -p $(@D)
	$(call say,LD,$@)
	$(Q)gcc $(SIM_LDFLAGS) -o $@ $^

.PHONY: dhcp-host
dhcp-host: $(DHCP_HOST)

ALL_EXTRA += $(DHCP_HOST)
CHECK_EXTRA += $(DHCP_HOST)
