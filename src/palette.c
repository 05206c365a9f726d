/* palette.c -- the default party colours: a colour-blind-safe palette (Okabe and Ito). */
#include "config.h"

#include "palette.h"

/* Okabe & Ito (2008), ordered so that neighbours differ most for
 * protanopes, deuteranopes and tritanopes alike; blue first. */
static const unsigned colours[] = {
	0x0072b2, /* blue */
	0xe69f00, /* orange */
	0x009e73, /* bluish green */
	0xcc79a7, /* reddish purple */
	0x56b4e9, /* sky blue */
	0xd55e00, /* vermillion */
	0xf0e442, /* yellow */
	0x000000, /* black */
};

#define NCOLOURS (sizeof colours / sizeof colours[0])

unsigned
av_palette_colour(size_t i)
{
	return colours[i % NCOLOURS];
}

size_t
av_palette_size(void)
{
	return NCOLOURS;
}

unsigned
av_palette_tint(unsigned rgb, double strength)
{
	unsigned out = 0;
	int shift;

	if (strength < 0)
		strength = 0;
	if (strength > 1)
		strength = 1;
	for (shift = 16; shift >= 0; shift -= 8) {
		double c = (double)((rgb >> shift) & 0xff);
		unsigned v = (unsigned)(255.0 - (255.0 - c) * strength + 0.5);
		out |= (v > 255 ? 255 : v) << shift;
	}
	return out;
}
