; boot.asm - the first instructions of Aegis on x86_64.
;
; Two ways in, one way on:
;   _start      Multiboot2 (GRUB): EAX = 0x36d76289, EBX = physical info address.
;   pvh_start   PVH direct boot (qemu -kernel, found through the Xen ELF note
;               XEN_ELFNOTE_PHYS32_ENTRY): EBX = physical hvm_start_info.
; Both arrive in 32-bit protected mode with paging off and no usable stack.
; We record (magic, info) in low memory, check that the CPU has long mode
; (else print a FAIL line on COM1 and the VGA screen and halt), build early
; page tables that map the first 4 GiB three times -- identity, at the direct
; map base 0xFFFF800000000000, and the first GiB at 0xFFFFFFFF80000000 for
; the kernel image -- with 2 MiB pages, enter long mode, jump to the higher
; half, clear .bss, switch to a higher-half stack and call arch_start(magic,
; info_phys) in entry.c.  Everything that runs before paging lives in the
; .boot* sections, whose virtual and load addresses are equal (linker.ld).
; The constants below must agree with arch.h and linker.ld.

MB2_HEADER_MAGIC    equ 0xE85250D6
MB2_ARCH_I386       equ 0
MB2_TAG_END         equ 0
MB2_TAG_FRAMEBUFFER equ 5
MB2_TAG_OPTIONAL    equ 1
MB2_FB_DEPTH        equ 32          ; any size, 32 bits per pixel (as the original)

XEN_ELFNOTE_PHYS32_ENTRY equ 18
ARCH_BOOT_PVH       equ 0x336ec578  ; hvm_start_info magic; entry.c checks it again

KERNEL_VMA          equ 0xFFFFFFFF80000000
DIRECT_MAP_PML4     equ 256         ; 0xFFFF800000000000 >> 39 & 511
KERNEL_PML4         equ 511
KERNEL_PDPT         equ 510         ; 0xFFFFFFFF80000000 >> 30 & 511
BOOT_MAP_GIB        equ 4           ; identity and direct map cover 4 GiB

PTE_PRESENT         equ 1 << 0
PTE_WRITE           equ 1 << 1
PTE_HUGE            equ 1 << 7
PAGE_SIZE           equ 4096
LARGE_PAGE_SHIFT    equ 21
PD_ENTRIES          equ 512

CR0_PE              equ 1 << 0
CR0_WP              equ 1 << 16
CR0_PG              equ 1 << 31
CR4_PAE             equ 1 << 5
MSR_EFER            equ 0xC0000080
EFER_LME            equ 1 << 8
EFER_NXE            equ 1 << 11
EFLAGS_ID           equ 1 << 21
CPUID_EXT_MAX       equ 0x80000000
CPUID_EXT_FEATURES  equ 0x80000001
CPUID_EDX_NX        equ 1 << 20
CPUID_EDX_LM        equ 1 << 29

BOOT_CODE64_SEL     equ 0x08
BOOT_DATA_SEL       equ 0x10

COM1                equ 0x3F8
COM1_LSR            equ COM1 + 5
LSR_THR_EMPTY       equ 1 << 5
VGA_TEXT            equ 0xB8000
VGA_ATTR_FAIL       equ 0x4F        ; white on red
BOOT_STACK_SIZE     equ 4096
KERNEL_STACK_SIZE   equ 16384

extern arch_start
extern __bss_start
extern __bss_end

; ---- Multiboot2 header: first thing in the image ---------------------------
section .multiboot2 progbits alloc noexec nowrite align=8
mb2_header:
	dd MB2_HEADER_MAGIC
	dd MB2_ARCH_I386
	dd mb2_header_end - mb2_header
	dd 0x100000000 - (MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	align 8
	; Framebuffer request, marked optional: GRUB honours gfxpayload, so the
	; text entries (gfxpayload=text) keep the VGA text screen usable.
	dw MB2_TAG_FRAMEBUFFER, MB2_TAG_OPTIONAL
	dd 20
	dd 0, 0, MB2_FB_DEPTH
	align 8
	dw MB2_TAG_END, 0
	dd 8
mb2_header_end:

; ---- PVH entry note (read by QEMU's -kernel loader) --------------------------
; QEMU reads the descriptor as a 64-bit value for ELF64 images: keep it 8 bytes
; with the note 4-byte aligned, so the descriptor follows the name directly.
section .note.pvh note alloc noexec nowrite align=4
	dd 4                    ; name size ("Xen\0")
	dd 8                    ; descriptor size
	dd XEN_ELFNOTE_PHYS32_ENTRY
	db "Xen", 0
	dq pvh_start

; ---- 32-bit code ---------------------------------------------------------------
section .boot.text progbits alloc exec nowrite align=16
bits 32
global _start
global pvh_start

_start:
	cli
	cld
	mov esp, boot_stack_top
	mov [boot_magic], eax
	mov [boot_info], ebx
	jmp boot_common

pvh_start:
	cli
	cld
	mov esp, boot_stack_top
	mov dword [boot_magic], ARCH_BOOT_PVH
	mov [boot_info], ebx

boot_common:
	call boot_check_cpu
	call boot_build_tables

	mov eax, cr4
	or eax, CR4_PAE
	mov cr4, eax
	mov eax, boot_pml4
	mov cr3, eax

	mov ecx, MSR_EFER
	rdmsr
	or eax, EFER_LME | EFER_NXE
	wrmsr

	mov eax, cr0
	or eax, CR0_PG | CR0_WP | CR0_PE
	mov cr0, eax

	lgdt [boot_gdt_ptr32]
	jmp BOOT_CODE64_SEL:boot_long_low

; Check CPUID, long mode and NX; jumps to boot_fail with a message when one is
; missing.  The VMM marks every non-executable page NX, so a CPU without it
; would fault on its first kernel page-table switch: refuse it here, loudly.
boot_check_cpu:
	pushfd
	pop eax
	mov ecx, eax
	xor eax, EFLAGS_ID
	push eax
	popfd
	pushfd
	pop eax
	push ecx
	popfd
	xor eax, ecx
	jz .no_lm
	mov eax, CPUID_EXT_MAX
	cpuid
	cmp eax, CPUID_EXT_FEATURES
	jb .no_lm
	mov eax, CPUID_EXT_FEATURES
	cpuid
	test edx, CPUID_EDX_LM
	jz .no_lm
	test edx, CPUID_EDX_NX
	jz .no_nx
	ret
.no_lm:
	mov esi, msg_no_long_mode
	jmp boot_fail
.no_nx:
	mov esi, msg_no_nx
	jmp boot_fail

; Zero the tables, then: PML4[0] and PML4[256] -> low PDPT (4 x 1 GiB of
; 2 MiB pages), PML4[511] -> high PDPT whose entry 510 maps the first GiB.
boot_build_tables:
	mov edi, boot_pml4
	mov ecx, (boot_tables_end - boot_pml4) / 4
	xor eax, eax
	rep stosd

	mov eax, boot_pdpt_low + PTE_PRESENT + PTE_WRITE
	mov [boot_pml4], eax
	mov [boot_pml4 + DIRECT_MAP_PML4 * 8], eax
	mov eax, boot_pdpt_high + PTE_PRESENT + PTE_WRITE
	mov [boot_pml4 + KERNEL_PML4 * 8], eax
	mov eax, boot_pd + PTE_PRESENT + PTE_WRITE
	mov [boot_pdpt_high + KERNEL_PDPT * 8], eax

	xor ecx, ecx
.pdpt:
	mov eax, ecx
	shl eax, 12
	add eax, boot_pd + PTE_PRESENT + PTE_WRITE
	mov [boot_pdpt_low + ecx * 8], eax
	inc ecx
	cmp ecx, BOOT_MAP_GIB
	jb .pdpt

	xor ecx, ecx
.pd:
	mov eax, ecx
	shl eax, LARGE_PAGE_SHIFT
	or eax, PTE_PRESENT + PTE_WRITE + PTE_HUGE
	mov [boot_pd + ecx * 8], eax
	inc ecx
	cmp ecx, BOOT_MAP_GIB * PD_ENTRIES
	jb .pd
	ret

; Print the NUL-terminated string at ESI on COM1 and the first VGA line, halt.
boot_fail:
	mov edi, VGA_TEXT
.next:
	lodsb
	test al, al
	jz .halt
	mov ah, VGA_ATTR_FAIL
	mov [edi], ax
	add edi, 2
	mov bl, al
	mov dx, COM1_LSR
	mov ecx, 100000
.wait:
	in al, dx
	test al, LSR_THR_EMPTY
	jnz .send
	loop .wait
.send:
	mov al, bl
	mov dx, COM1
	out dx, al
	jmp .next
.halt:
	cli
	hlt
	jmp .halt

; ---- 64-bit, still at the low (identity-mapped) address -----------------------
bits 64
boot_long_low:
	mov ax, BOOT_DATA_SEL
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor eax, eax
	mov fs, ax
	mov gs, ax
	mov r12d, [rel boot_magic]
	mov r13d, [rel boot_info]
	mov rax, boot_high
	jmp rax

section .boot.data progbits alloc noexec write align=16
msg_no_long_mode:
	db "[BOOT] FAIL: this CPU lacks long mode (x86_64); Aegis cannot run here. System halted.", 13, 10, 0
msg_no_nx:
	db "[BOOT] FAIL: this CPU lacks the NX bit; Aegis needs it for W^X. System halted.", 13, 10, 0
boot_magic:
	dd 0
boot_info:
	dd 0
	align 16
; Boot GDT: null, 64-bit kernel code, kernel data.  gdt.c installs the real one.
boot_gdt:
	dq 0
	dq 0x00AF9A000000FFFF
	dq 0x00CF92000000FFFF
boot_gdt_end:
boot_gdt_ptr32:
	dw boot_gdt_end - boot_gdt - 1
	dd boot_gdt
	align 16
; The same table through its higher-half alias, so it stays reachable when
; the kernel's own page tables drop the identity map.
boot_gdt_ptr64:
	dw boot_gdt_end - boot_gdt - 1
	dq boot_gdt + KERNEL_VMA

section .boot.bss nobits alloc noexec write align=4096
boot_pml4:
	resb PAGE_SIZE
boot_pdpt_low:
	resb PAGE_SIZE
boot_pdpt_high:
	resb PAGE_SIZE
boot_pd:
	resb PAGE_SIZE * BOOT_MAP_GIB
boot_tables_end:
boot_stack:
	resb BOOT_STACK_SIZE
boot_stack_top:

; ---- 64-bit, higher half ---------------------------------------------------------
section .text
default rel
boot_high:
	lgdt [abs boot_gdt_ptr64]
	lea rdi, [__bss_start]
	lea rcx, [__bss_end]
	sub rcx, rdi
	shr rcx, 3
	xor eax, eax
	rep stosq
	lea rsp, [kernel_boot_stack_top]
	xor ebp, ebp
	mov edi, r12d
	mov esi, r13d
	call arch_start
.hang:
	cli
	hlt
	jmp .hang

section .bss
align 16
global kernel_boot_stack_top
kernel_boot_stack:
	resb KERNEL_STACK_SIZE
kernel_boot_stack_top:

section .note.GNU-stack noalloc noexec nowrite progbits
